import { workspaceRoute } from '@/lib/auth/route';
import { replayRouteDefinition, replayRouteHandler } from '@/lib/recordings/replay-route';

/** One recording's events and the chat's marks, for the player (members of its workspace only). */
export const GET = workspaceRoute(replayRouteDefinition, replayRouteHandler);
