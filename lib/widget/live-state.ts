import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversations, memberships } from '@/db/schema';
import { activeMembership } from '@/lib/auth/membership';
import { isOpen } from '@/lib/business-hours/calendar';
import { loadBusinessHours } from '@/lib/business-hours/load';
import { presenceOnlineUsers, type OnlineLookup } from '@/lib/routing/presence';
import type { WidgetLiveState } from './present';
import { replyTimeKey } from './reply-time';
import type { WidgetSettings } from './settings-shape';

// The moment's state the widget shows: open by the business hours, someone online to answer
// (as routing counts it: connected, available, active), and the shop's usual reply time.
// Every shop page view asks, so each answer is kept briefly per workspace.

const ONLINE_TTL_MS = 5_000;
const MEDIAN_TTL_MS = 10 * 60_000;
const onlineCache = new Map<string, { at: number; value: boolean }>();
const medianCache = new Map<string, { at: number; value: number | null }>();

function cached<T>(cache: Map<string, { at: number; value: T }>, key: string, ttl: number, now: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && now - hit.at < ttl) return Promise.resolve(hit.value);
  return load().then((value) => {
    if (cache.size > 5000) cache.clear();
    cache.set(key, { at: now, value });
    return value;
  });
}

export function resetWidgetLiveStateForTests() {
  onlineCache.clear();
  medianCache.clear();
}

/** Whether an active member who set themselves available is connected now. */
export async function anyAgentOnline(db: DbOrTx, workspaceId: string, online: OnlineLookup = presenceOnlineUsers): Promise<boolean> {
  const available = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), activeMembership(), eq(memberships.availability, 'online')));
  // Nobody has set themselves available: no need to ask the realtime server.
  if (available.length === 0) return false;
  const connected = await online(workspaceId);
  return available.some((m) => connected.has(m.userId));
}

/** The median seconds from reaching people to the first reply, over the last 7 days; null without any. */
export async function medianFirstResponseSeconds(db: DbOrTx, workspaceId: string, now = new Date()): Promise<number | null> {
  const [row] = await db
    .select({
      median: sql<string | null>`percentile_cont(0.5) within group (order by greatest(0, extract(epoch from ${conversations.firstReplyAt} - ${conversations.reachedPeopleAt})))`,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        isNotNull(conversations.reachedPeopleAt),
        isNotNull(conversations.firstReplyAt),
        gte(conversations.firstReplyAt, new Date(now.getTime() - 7 * 24 * 3600_000)),
      ),
    );
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}

export async function widgetLiveState(
  db: DbOrTx,
  workspaceId: string,
  settings: WidgetSettings,
  options: { browserLanguage?: string | null; online?: OnlineLookup; now?: Date } = {},
): Promise<WidgetLiveState> {
  const now = options.now ?? new Date();
  const at = now.getTime();
  const [open, someoneOnline, median] = await Promise.all([
    settings.followBusinessHours ? loadBusinessHours(db, workspaceId).then((b) => isOpen(b?.hours ?? null, now)) : true,
    cached(onlineCache, workspaceId, ONLINE_TTL_MS, at, () => anyAgentOnline(db, workspaceId, options.online)),
    settings.replyTime === 'computed' ? cached(medianCache, workspaceId, MEDIAN_TTL_MS, at, () => medianFirstResponseSeconds(db, workspaceId, now)) : null,
  ]);
  return { available: open && someoneOnline, replyTime: replyTimeKey(settings.replyTime, median), browserLanguage: options.browserLanguage ?? null };
}
