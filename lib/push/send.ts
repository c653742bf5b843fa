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

export type PushOutcome = 'sent' | 'removed' | 'skipped_visible' | 'device_gone';

/**
 * Sends one notification to one device, unless Baton is visible on it now. A device the
 * push service no longer knows (404/410) is forgotten; any other failure is thrown, so the
 * job is retried with its backoff. Each device has its own job, so a retry never repeats a
 * push that another device already received.
 */
export async function sendPushToDevice(db: DbOrTx, job: PushJob, options: SendOptions = {}): Promise<PushOutcome | null> {
  const vapid = options.vapid === undefined ? vapidConfig() : options.vapid;
  if (!vapid) return null;
  const now = options.now ?? new Date();

  const [device] = await db
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.id, job.deviceId), eq(pushSubscriptions.userId, job.userId)))
    .limit(1);
  if (!device) return 'device_gone';
  if (device.visibleUntil && device.visibleUntil > now) return 'skipped_visible';

  const [workspace] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, job.workspaceId)).limit(1);
  if (!workspace) return 'device_gone';
  const payload = JSON.stringify(buildPushPayload(job, workspace.slug));

  try {
    await webpush.sendNotification({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, payload, {
      vapidDetails: vapid,
      TTL: PUSH_TTL_SECONDS,
      urgency: pushUrgency(job.kind),
      timeout: 10_000,
      ...(options.agent ? { agent: options.agent } : {}),
    });
  } catch (error) {
    if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, device.id));
      return 'removed';
    }
    throw error;
  }
  await db.update(pushSubscriptions).set({ lastUsedAt: now }).where(eq(pushSubscriptions.id, device.id));
  return 'sent';
}

export type PushDevice = { userId: string; deviceId: string };

/** These users' devices where Baton may not be visible now: each gets its own job. */
export async function hiddenPushDevices(db: DbOrTx, userIds: string[], now = new Date()): Promise<PushDevice[]> {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: pushSubscriptions.userId, deviceId: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(
      and(
        inArray(pushSubscriptions.userId, userIds),
        or(isNull(pushSubscriptions.visibleUntil), sql`${pushSubscriptions.visibleUntil} <= ${now.toISOString()}`),
      ),
    );
}
