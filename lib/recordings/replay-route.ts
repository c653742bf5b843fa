import { z } from 'zod';
import type { WorkspaceRouteDefinition, WorkspaceRouteRequest } from '@/lib/auth/route-core';
import { getDb } from '@/lib/db';
import { loadRecordingReplay } from './list';

// GET /api/w/{workspaceId}/recordings/{recordingId}: one recording's events and the chat's
// marks for the player. Any member of the workspace (agents replay what their customer saw);
// another workspace's recording, like an unknown id, is "Not found".

export const replayParams = z.object({ workspaceId: z.uuid(), recordingId: z.uuid() });

export const replayRouteDefinition: WorkspaceRouteDefinition<typeof replayParams> = {
  params: replayParams,
  workspace: ({ workspaceId }) => ({ id: workspaceId }),
  role: 'agent',
  kind: 'download',
  messages: { unauthenticated: 'Sign in to watch recordings' },
};

export async function replayRouteHandler(_request: Request, { params, ctx }: WorkspaceRouteRequest<z.infer<typeof replayParams>>): Promise<Response> {
  const replay = await loadRecordingReplay(getDb(), ctx.workspaceId, params.recordingId);
  if (!replay) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
  return Response.json(replay, { headers: { 'cache-control': 'private, no-store' } });
}
