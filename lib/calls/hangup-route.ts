import { z } from 'zod';
import type { WorkspaceRouteDefinition, WorkspaceRouteRequest } from '@/lib/auth/route-core';
import { getDb } from '@/lib/db';
import { endCallAsAgent } from './agent-end';

// POST /api/w/{workspaceId}/calls/{callId}/hangup: the agent's page hangs up as it goes
// (navigator.sendBeacon, which a server action cannot ride on). The session cookie, the
// membership and the role are checked as for the action; another workspace's call is "not found".

export const hangupParams = z.object({ workspaceId: z.uuid(), callId: z.uuid() });

export const hangupRouteDefinition: WorkspaceRouteDefinition<typeof hangupParams> = {
  params: hangupParams,
  workspace: ({ workspaceId }) => ({ id: workspaceId }),
  role: 'agent',
  sameOriginOnly: true,
};

export async function hangupRouteHandler(_request: Request, { params, ctx }: WorkspaceRouteRequest<z.infer<typeof hangupParams>>) {
  return endCallAsAgent(getDb(), ctx, { callId: params.callId, reason: 'hangup' });
}
