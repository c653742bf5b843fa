import { realtimeChannels } from '@/lib/realtime/channels';
import { getPusher } from '@/lib/realtime/publisher';

/** The user ids currently online in a workspace. Injected in tests; presence by default. */
export type OnlineLookup = (workspaceId: string) => Promise<ReadonlySet<string>>;

/**
 * Who is connected to `presence-workspace-{id}`, asked of the realtime server through the
 * Pusher HTTP API (the embedded server, soketi and Pusher Channels all answer it). When
 * the realtime server cannot be reached nobody counts as online: requests wait (and the
 * sweep retries) rather than going to agents who may not be there.
 */
export const presenceOnlineUsers: OnlineLookup = async (workspaceId) => {
  try {
    const response = await getPusher().get({ path: `/channels/${realtimeChannels.workspacePresence(workspaceId)}/users` });
    const body = (await response.json()) as { users?: { id: string | number }[] };
    return new Set((body.users ?? []).map((u) => String(u.id)));
  } catch (error) {
    console.error('[routing] presence lookup failed:', describe(error));
    return new Set();
  }
};

function describe(error: unknown): string {
  if (error && typeof error === 'object' && (error as { status?: number }).status !== undefined) {
    const e = error as { status: number; body?: string };
    return `HTTP ${e.status} ${e.body ?? ''}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
