import { z } from 'zod';
import type { WorkspaceRouteDefinition, WorkspaceRouteRequest } from '@/lib/auth/route-core';
import { getDb } from '@/lib/db';
import { loadCobrowseSnapshot } from './agent';

// GET /api/w/{workspaceId}/cobrowse/{sessionId}/snapshot: a running co-browsing session's
// latest full snapshot for the agent's mirror. Any member of the workspace; another
// workspace's session or an unknown id is "Not found"; one no longer running has no events.

export const snapshotParams = z.object({ workspaceId: z.uuid(), sessionId: z.uuid() });

export const snapshotRouteDefinition: WorkspaceRouteDefinition<typeof snapshotParams> = {
  params: snapshotParams,
  workspace: ({ workspaceId }) => ({ id: workspaceId }),
  role: 'agent',
  kind: 'download',
  messages: { unauthenticated: 'Sign in to see the customer’s page' },
};

export async function snapshotRouteHandler(_request: Request, { params, ctx }: WorkspaceRouteRequest<z.infer<typeof snapshotParams>>): Promise<Response> {
  const snapshot = await loadCobrowseSnapshot(getDb(), ctx.workspaceId, params.sessionId);
  const headers = { 'cache-control': 'private, no-store' };
  if (!snapshot) return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(snapshot, { headers });
}
