import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import { runningEmbeddedUrl } from '@/db/embedded';
import { contacts, conversations, messengerOptins, ticketSlaTargets, tickets, workspaces } from '@/db/schema';
import { createBoss, jobQueues } from '@/lib/jobs/boss';
import { e2eEnv } from './env';
import { waitFor } from '../../support/wait-for';

// For the few browser tests that must make time pass: the app's own database (the one
// start-app.ts created, or the embedded one), reached as the app reaches it.

export function e2eDatabaseUrl(): string {
  const file = path.join(e2eEnv.dataDir, 'database-url');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const embedded = runningEmbeddedUrl(e2eEnv.dataDir);
  if (!embedded) throw new Error(`No database for the browser tests in ${e2eEnv.dataDir}`);
  return embedded;
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const { db, pool } = createDb(e2eDatabaseUrl(), 1);
  try {
    return await run(db);
  } finally {
    await pool.end();
  }
}

/** As if `minutes` had passed since the ticket was created: its creation and SLA clocks move back. */
export async function ticketCreatedEarlier(workspaceSlug: string, number: number, minutes: number): Promise<void> {
  await withDb(async (db) => {
    const back = sql`interval '${sql.raw(String(Math.trunc(minutes)))} minutes'`;
    const [ticket] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .innerJoin(workspaces, eq(workspaces.id, tickets.workspaceId))
      .where(and(eq(workspaces.slug, workspaceSlug), eq(tickets.number, number)));
    if (!ticket) throw new Error(`No ticket #${number} in ${workspaceSlug}`);
    await db
      .update(ticketSlaTargets)
      .set({ startedAt: sql`${ticketSlaTargets.startedAt} - ${back}`, dueAt: sql`${ticketSlaTargets.dueAt} - ${back}`, pausedAt: sql`${ticketSlaTargets.pausedAt} - ${back}` })
      .where(eq(ticketSlaTargets.ticketId, ticket.id));
    await db
      .update(tickets)
      .set({
        createdAt: sql`${tickets.createdAt} - ${back}`,
        slaDueAt: sql`${tickets.slaDueAt} - ${back}`,
        slaDueStartedAt: sql`${tickets.slaDueStartedAt} - ${back}`,
        slaPausedAt: sql`${tickets.slaPausedAt} - ${back}`,
      })
      .where(eq(tickets.id, ticket.id));
  });
}

/** Runs the app's minutely SLA check now (its worker takes the job) and waits until it is done. */
export async function runSlaCheck(timeoutMs = 30_000): Promise<void> {
  const boss = createBoss(e2eDatabaseUrl(), { max: 1, supervise: false, schedule: false, migrate: false });
  await boss.start();
  try {
    const id = await boss.send(jobQueues.slaCheck, {});
    if (!id) throw new Error('The SLA check was not queued');
    await waitFor(
      'the SLA check to finish',
      async () => {
        const job = await boss.getJobById(jobQueues.slaCheck, id);
        if (job?.state === 'failed') throw new Error('The SLA check failed');
        return job?.state === 'completed';
      },
      timeoutMs,
      { everyMs: 250 },
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** As if the customer had last written `hours` ago: their open conversation's reply window moves back. */
export async function customerWroteEarlier(workspaceSlug: string, customerName: string, hours: number): Promise<void> {
  await withDb(async (db) => {
    const back = sql`interval '${sql.raw(String(Math.trunc(hours)))} hours'`;
    const rows = await db
      .update(conversations)
      .set({ lastCustomerMessageAt: sql`${conversations.lastCustomerMessageAt} - ${back}` })
      .from(contacts)
      .where(
        and(
          eq(contacts.id, conversations.contactId),
          eq(contacts.name, customerName),
          eq(conversations.status, 'open'),
          sql`${conversations.workspaceId} = (select id from ${workspaces} where slug = ${workspaceSlug})`,
        ),
      )
      .returning({ id: conversations.id });
    if (rows.length !== 1) throw new Error(`Expected one open conversation of ${customerName}, found ${rows.length}`);
  });
}

/** The customer's notification opt-ins, as stored. */
export async function optinsOf(customerName: string) {
  return withDb((db) =>
    db
      .select({ token: messengerOptins.token, frequency: messengerOptins.frequency, status: messengerOptins.status, lastSentAt: messengerOptins.lastSentAt })
      .from(messengerOptins)
      .innerJoin(contacts, eq(contacts.id, messengerOptins.contactId))
      .where(eq(contacts.name, customerName)),
  );
}
