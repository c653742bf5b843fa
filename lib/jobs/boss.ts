import PgBoss from 'pg-boss';
import { getConfig } from '@/lib/config';

// Durable jobs in PostgreSQL with pg-boss: a job survives restarts and runs on exactly one
// of the app's instances. pg-boss keeps its tables in a schema of its own, beside the app's.

export const JOBS_SCHEMA = 'baton_jobs';

export const jobQueues = {
  /** One job per reminder, due at its time (`singletonKey` = the reminder's id). */
  reminderDue: 'reminder-due',
  /** Every minute: fires pending reminders whose job was lost (belt and braces). */
  remindersSweep: 'reminders-sweep',
  /** Every minute: finds conversations whose reply-time target is minutes away. */
  slaCheck: 'sla-check',
  /** One job per (conversation, target): warns the agents who can answer, once. */
  slaWarning: 'sla-warning',
  /** Every minute: folds the reports' pending activity counts into their rollup. */
  reportActivityFold: 'report-activity-fold',
  /** One job per (notification, recipient with a device): the Web Push to each of their devices. */
  pushSend: 'push-send',
  /** One job per visitor's request: their website chat's transcript, emailed through the shop's SMTP server. */
  transcriptEmail: 'transcript-email',
  /** Every hour: deletes visit recordings older than their channel keeps them. */
  recordingsRetention: 'recordings-retention',
} as const;

export type JobQueue = (typeof jobQueues)[keyof typeof jobQueues];

const queueOptions: Record<JobQueue, Omit<PgBoss.Queue, 'name'>> = {
  // "short": at most one waiting job per singletonKey, so a reminder is queued once.
  [jobQueues.reminderDue]: { policy: 'short', retryLimit: 10, retryDelay: 15, retryBackoff: true, expireInSeconds: 300 },
  // "singleton": never two sweeps at once across instances.
  [jobQueues.remindersSweep]: { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
  [jobQueues.slaCheck]: { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
  [jobQueues.slaWarning]: { policy: 'standard', retryLimit: 3, retryDelay: 10, expireInSeconds: 120 },
  [jobQueues.reportActivityFold]: { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 },
  // A push service that fails (5xx, 429, a timeout) is tried again at 5 s, 10 s, 20 s …;
  // after an hour the notification is stale anyway (its TTL), so six tries are enough.
  [jobQueues.pushSend]: { policy: 'standard', retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  // An SMTP server that is down or refuses for a while (4xx) is tried again at 30 s, 60 s,
  // 2 min … for about half an hour; a refusal that will not change (a bad address) is not retried.
  [jobQueues.transcriptEmail]: { policy: 'standard', retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInSeconds: 180 },
  // The next hour's run picks up whatever one run left.
  [jobQueues.recordingsRetention]: { policy: 'singleton', retryLimit: 0, expireInSeconds: 900 },
};

export type BossOptions = Partial<PgBoss.ConstructorOptions>;

/** A pg-boss instance on a database, not started. */
export function createBoss(connectionString: string, options: BossOptions = {}): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    application_name: 'baton-jobs',
    max: 4,
    ...options,
  });
  // Without a listener an 'error' event would crash the process; pg-boss retries by itself.
  boss.on('error', (error) => console.error('[jobs]', error instanceof Error ? error.message : error));
  return boss;
}

/** Starts it (creating or migrating its schema) and makes sure every queue exists. */
export async function startBoss(boss: PgBoss): Promise<PgBoss> {
  await boss.start();
  for (const [name, options] of Object.entries(queueOptions)) {
    await boss.createQueue(name, { name, ...options });
  }
  return boss;
}

const holder = globalThis as unknown as { __batonBoss?: { url: string; boss: PgBoss; ready: Promise<PgBoss> } };

/**
 * The process's pg-boss on DATABASE_URL, started on first use. Kept on globalThis so dev
 * hot reloads reuse it; a failed start is forgotten, so the next call tries again.
 */
export function getBoss(): Promise<PgBoss> {
  const url = getConfig().DATABASE_URL;
  const current = holder.__batonBoss;
  if (current && current.url === url) return current.ready;

  if (current) void current.ready.then((b) => b.stop({ graceful: false })).catch(() => undefined);
  const background = getConfig().BATON_BACKGROUND === 'on';
  // Maintenance and cron run only where background work does.
  const boss = createBoss(url, { supervise: background, schedule: background });
  const ready = startBoss(boss).catch((error: unknown) => {
    if (holder.__batonBoss?.boss === boss) holder.__batonBoss = undefined;
    void boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  });
  holder.__batonBoss = { url, boss, ready };
  return ready;
}

/** Stops the process's pg-boss (tests, shutdown). Active jobs are retried elsewhere. */
export async function stopBoss(options: PgBoss.StopOptions = {}): Promise<void> {
  const current = holder.__batonBoss;
  holder.__batonBoss = undefined;
  if (!current) return;
  const boss = await current.ready.catch(() => null);
  await boss?.stop({ graceful: true, timeout: 5000, ...options });
}

export type { PgBoss };
