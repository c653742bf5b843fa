import 'server-only';
import type { z } from 'zod';
import { runWorkspaceRoute, type RouteHandlerContext, type WorkspaceRouteDefinition, type WorkspaceRouteRequest } from './route-core';
import { getSessionUser } from './session';

export { parseInput } from './action-core';
export { refuseBody } from './route-core';
export type { WorkspaceRouteRequest } from './route-core';

/**
 * Builds a route handler (export it as GET, POST…) for a workspace's members: the route's
 * counterpart of workspaceAction. Every check in runWorkspaceRoute runs before the handler,
 * which reads the body (if any) itself, after them, with parseInput.
 */
export function workspaceRoute<P extends z.ZodType<unknown, unknown>, T>(
  definition: WorkspaceRouteDefinition<P>,
  handler: (request: Request, route: WorkspaceRouteRequest<z.infer<P>>) => Promise<T | Response>,
) {
  return (request: Request, context?: RouteHandlerContext): Promise<Response> =>
    runWorkspaceRoute(getSessionUser, request, context, definition, handler);
}
