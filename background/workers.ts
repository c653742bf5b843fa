import type { Db } from '@/db/client';
import { getDb } from '@/lib/db';
import { recordSlaBreaches, recordTicketSlaBreaches } from '@/lib/sla/breaches';
import { foldPendingActivity } from '@/lib/reports/activity';
import { conversationsNearingSla, notifySlaBreaches, notifyTicketSlaBreaches, sendSlaWarning, slaWarningJobId, type SlaWarningJob } from '@/lib/notifications/sla';
import { fireOverdueReminders, fireReminder } from '@/lib/reminders/fire';
import type { ReminderJob } from '@/lib/reminders/schedule';
import { getBoss, jobQueues, stopBoss, type PgBoss } from '@/lib/jobs/boss';
import type { PushJob } from '@/lib/push/payload';
import { sendPushToDevice, type SendOptions } from '@/lib/push/send';
import type { TranscriptJob } from '@/lib/widget/transcript';
import { emailTranscript } from '@/lib/widget/transcript-email';
import { deleteExpiredRecordings } from '@/lib/recordings/delete';

export type WorkerOptions = {
  /** How often an idle worker asks PostgreSQL for due jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  db?: () => Db;
  /** Tests: how pushes are sent (an agent that trusts the local fake push service). */
  push?: SendOptions;
};

/** Registers this process as a worker for every queue, on a started pg-boss. */
export async function registerJobWorkers(boss: PgBoss, options: WorkerOptions = {}): Promise<void> {
  const db = options.db ?? getDb;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  // The every-minute checks need not be picked up the instant they are queued.
  const checkPollingSeconds = options.pollingIntervalSeconds ?? 5;

  await boss.work<ReminderJob>(jobQueues.reminderDue, { pollingIntervalSeconds, batchSize: 10 }, async (jobs) => {
    let failure: unknown = null;
    for (const job of jobs) {
      try {
        await fireReminder(db(), job.data.reminderId);
      } catch (error) {
        failure ??= error;
      }
    }
    // pg-boss retries the batch; the reminders that did fire are no-ops the second time.
    if (failure) throw failure;
  });

  await boss.work(jobQueues.remindersSweep, { pollingIntervalSeconds: checkPollingSeconds }, async () => {
    await fireOverdueReminders(db());
  });
  await boss.schedule(jobQueues.remindersSweep, '* * * * *');

  // Conversations' and tickets' missed targets are recorded (once) and notified.
  // "Reply time about to run out": the check queues a job per (conversation, target) with a
  // stable id, so however often it runs (on however many instances), each target warns once.
  await boss.work(jobQueues.slaCheck, { pollingIntervalSeconds: checkPollingSeconds }, async () => {
    await notifySlaBreaches(db(), await recordSlaBreaches(db()));
    await notifyTicketSlaBreaches(db(), await recordTicketSlaBreaches(db()));
    for (const job of await conversationsNearingSla(db())) {
      await boss.send(jobQueues.slaWarning, job, { id: slaWarningJobId(job) });
    }
  });
  await boss.work<SlaWarningJob>(jobQueues.slaWarning, { pollingIntervalSeconds, batchSize: 10 }, async (jobs) => {
    // Best effort, per job: one failure must not repeat the others' warnings.
    for (const job of jobs) {
      await sendSlaWarning(db(), job.data).catch((error: unknown) =>
        console.error('[sla] warning failed for', job.data.conversationId, error instanceof Error ? error.message : error),
      );
    }
  });
  await boss.schedule(jobQueues.slaCheck, '* * * * *');

  // Reports read the rollup plus what is pending, so folding late only costs a little speed.
  await boss.work(jobQueues.reportActivityFold, { pollingIntervalSeconds: checkPollingSeconds }, async () => {
    await foldPendingActivity(db());
  });
  await boss.schedule(jobQueues.reportActivityFold, '* * * * *');

  // One job per recipient; a throw (a push service failing) retries that job alone.
  await boss.work<PushJob>(jobQueues.pushSend, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
    await sendPushToDevice(db(), job!.data, options.push);
  });

  // One email per job; a throw (the SMTP server down, a 4xx) retries it with its backoff.
  await boss.work<TranscriptJob>(jobQueues.transcriptEmail, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
    await emailTranscript(db(), job!.data);
  });

  // Visit recordings are kept only as long as their channel says (30 days by default).
  await boss.work(jobQueues.recordingsRetention, { pollingIntervalSeconds: checkPollingSeconds }, async () => {
    const deleted = await deleteExpiredRecordings(db());
    if (deleted > 0) console.log(`[recordings] deleted ${deleted} past their retention`);
  });
  await boss.schedule(jobQueues.recordingsRetention, '17 * * * *');
}

/** Starts the process's pg-boss and its workers (instrumentation.ts, Node runtime only). */
export async function startJobWorkers(options: WorkerOptions = {}): Promise<PgBoss> {
  const boss = await getBoss();
  try {
    await registerJobWorkers(boss, options);
  } catch (error) {
    // Half-registered: drop this instance so the next attempt starts clean.
    await stopBoss({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return boss;
}

/**
 * startJobWorkers that never throws: if the database is not reachable yet, it tries again
 * every 30 s, so a late database does not leave the instance without workers. The returned
 * stop ends the tries and stops pg-boss: no new jobs are fetched, the running ones get up
 * to `graceMs` to finish (an unfinished one is retried after the next start).
 */
export function keepStartingJobWorkers(retryMs = 30_000): (graceMs?: number) => Promise<void> {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let starting: Promise<unknown> = Promise.resolve();
  const attempt = () => {
    starting = startJobWorkers().then(
      () => console.log('[jobs] workers started'),
      (error: unknown) => {
        if (stopped) return;
        console.error('[jobs] could not start the workers, retrying:', error instanceof Error ? error.message : error);
        retry = setTimeout(attempt, retryMs).unref();
      },
    );
  };
  attempt();
  return async (graceMs = 8_000) => {
    stopped = true;
    clearTimeout(retry);
    await starting;
    await stopBoss({ graceful: true, timeout: graceMs });
  };
}
