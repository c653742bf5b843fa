import { workspaceRoute } from '@/lib/auth/route';
import { snapshotRouteDefinition, snapshotRouteHandler } from '@/lib/cobrowse/snapshot-route';

/** A running co-browsing session's latest full snapshot, for the agent's mirror (members of its workspace only). */
export const GET = workspaceRoute(snapshotRouteDefinition, snapshotRouteHandler);
