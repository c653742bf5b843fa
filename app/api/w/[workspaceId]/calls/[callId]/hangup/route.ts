import { workspaceRoute } from '@/lib/auth/route';
import { hangupRouteDefinition, hangupRouteHandler } from '@/lib/calls/hangup-route';

/** The agent's page hangs up as it unloads (sendBeacon). */
export const POST = workspaceRoute(hangupRouteDefinition, hangupRouteHandler);
