import { sql, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { DbOrTx, Tx } from '@/db/client';
import { getBoss, jobQueues } from '@/lib/jobs/boss';
import { NOTIFICATION_CREATED_EVENT, pushWhenClosed, type NotificationEventPayload } from '@/lib/notifications/kinds';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import type { PushJob } from './payload';
import { hiddenPushDevices } from './send';

/** One push to a recipient, before it is fanned out to their devices. */
export type PushNotice = Omit<PushJob, 'deviceId'>;

/** The pushes that notifications call for: the recipients' choice (browser) and the kind's "App Closed" rule. */
export function pushNoticesFor(events: RealtimeEvent[]): PushNotice[] {
  const jobs: PushNotice[] = [];
  for (const event of events) {
    if (event.name !== NOTIFICATION_CREATED_EVENT) continue;
    const data = event.data as NotificationEventPayload;
    if (!data.browser || !pushWhenClosed[data.kind]) continue;
    const userId = event.channel.replace(/^private-user-/, '');
    jobs.push({ userId, workspaceId: data.workspaceId, kind: data.kind, conversationId: data.conversationId, ticketNumber: data.ticketNumber ?? null, title: data.title, body: data.body });
  }
  return jobs;
}

/**
 * After the notifications are committed: one durable job per recipient's device, so a slow
 * or failing push service delays nobody and a failed send is retried for that device only. An enqueue
 * failure is logged, never thrown: the bell and the realtime notification already went out.
 */
export async function enqueuePushes(db: DbOrTx, events: RealtimeEvent[]): Promise<number> {
  try {
    return await queuePushJobs(events, { db });
  } catch (error) {
    console.error('[push] could not queue pushes:', error instanceof Error ? error.message : error);
    return 0;
  }
}

/** One push-send job per recipient's device that may not have Baton open; given `tx`, read and queued in that transaction. */
async function queuePushJobs(events: RealtimeEvent[], on: { db: DbOrTx } | { tx: Tx }): Promise<number> {
  const notices = pushNoticesFor(events);
  if (notices.length === 0) return 0;
  const devices = await hiddenPushDevices('tx' in on ? on.tx : on.db, [...new Set(notices.map((n) => n.userId))]);
  const wanted: PushJob[] = notices.flatMap((notice) => devices.filter((d) => d.userId === notice.userId).map((d) => ({ ...notice, deviceId: d.deviceId })));
  if (wanted.length === 0) return 0;
  const boss = await getBoss();
  const options = 'tx' in on ? { db: onTransaction(on.tx) } : {};
  for (const job of wanted) await boss.send(jobQueues.pushSend, job, options);
  return wanted.length;
}

/** pg-boss's statements (`$1`… placeholders) run on the caller's transaction, through drizzle's parameters (pg-boss leaves unset options undefined: null). */
function onTransaction(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const chunks: SQL[] = text.split(/\$(\d+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1] ?? null)}`));
      const result = await tx.execute(sql.join(chunks));
      return { rows: result.rows };
    },
  };
}

/**
 * The same jobs queued in the caller's transaction, with the notifications they are about:
 * committed together or not at all, so a retried transaction never queues a push twice.
 * Throws (the transaction fails and is retried as a whole).
 */
export function enqueuePushesInTransaction(tx: Tx, events: RealtimeEvent[]): Promise<number> {
  return queuePushJobs(events, { tx });
}
