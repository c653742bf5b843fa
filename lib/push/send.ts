import type { Agent } from 'node:https';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import webpush, { WebPushError } from 'web-push';
import type { DbOrTx } from '@/db/client';
import { pushSubscriptions, workspaces } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { buildPushPayload, PUSH_TTL_SECONDS, pushUrgency, type PushJob } from './payload';

export type VapidConfig = { subject: string; publicKey: string; privateKey: string };

/** The server's VAPID keys, or null when push is not set up (then nothing is sent). */
export function vapidConfig(): VapidConfig | null {
  const env = getConfig();
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
  return { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
}

export type SendOptions = {
  vapid?: VapidConfig | null;
  /** Tests: an agent that trusts the local fake push service's self-signed certificate. */
  agent?: Agent;
  now?: Date;
};

export type PushOutcome = { sent: number; removed: number; skippedVisible: number; failed: number };

/**
 * Sends one notification to each of a user's devices where Baton is not visible now.
 * A device the push service no longer knows (404/410) is forgotten; any other failure is
 * thrown after every device was tried, so the job is retried with its backoff (a device
 * that already got it gets it again, and the same tag makes the repeat replace it).
 */
export async function sendPushToUser(db: DbOrTx, job: PushJob, options: SendOptions = {}): Promise<PushOutcome> {
  const vapid = options.vapid === undefined ? vapidConfig() : options.vapid;
  const outcome: PushOutcome = { sent: 0, removed: 0, skippedVisible: 0, failed: 0 };
  if (!vapid) return outcome;
  const now = options.now ?? new Date();

  const devices = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, job.userId));
  const hidden = devices.filter((d) => !(d.visibleUntil && d.visibleUntil > now));
  outcome.skippedVisible = devices.length - hidden.length;
  if (hidden.length === 0) return outcome;

  const [workspace] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, job.workspaceId)).limit(1);
  if (!workspace) return outcome;
  const payload = JSON.stringify(buildPushPayload(job, workspace.slug));

  const gone: string[] = [];
  const delivered: string[] = [];
  let failure: unknown = null;
  for (const device of hidden) {
    try {
      await webpush.sendNotification({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, payload, {
        vapidDetails: vapid,
        TTL: PUSH_TTL_SECONDS,
        urgency: pushUrgency(job.kind),
        timeout: 10_000,
        ...(options.agent ? { agent: options.agent } : {}),
      });
      delivered.push(device.id);
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) gone.push(device.id);
      else {
        outcome.failed++;
        failure ??= error;
      }
    }
  }
  if (gone.length) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
  if (delivered.length) await db.update(pushSubscriptions).set({ lastUsedAt: now }).where(inArray(pushSubscriptions.id, delivered));
  outcome.sent = delivered.length;
  outcome.removed = gone.length;
  if (failure) throw failure;
  return outcome;
}

/** Of these users, those with a device where Baton may not be visible: only they need a job. */
export async function usersWithPushDevices(db: DbOrTx, userIds: string[], now = new Date()): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(
      and(
        inArray(pushSubscriptions.userId, userIds),
        or(isNull(pushSubscriptions.visibleUntil), sql`${pushSubscriptions.visibleUntil} <= ${now.toISOString()}`),
      ),
    );
  return rows.map((r) => r.userId);
}
