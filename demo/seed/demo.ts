import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/db/client';
import { channelKinds, workspaces } from '@/db/schema';
import { insertSetupAudit } from './demo-audit';
import { demoChannelSeeds, insertChannels } from './demo-channels';
import { insertTags } from './demo-contacts';
import { seedDemoInboxConfig } from './demo-inbox-config';
import { adoptScriptedBotConversations, seedDemoFlows } from './demo-flows';
import { seedDemoSla } from './demo-sla';
import { DEMO_CUSTOMERS, seedChannelCustomers } from './demo-customers';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_WORKSPACE, insertPeople, type StaffKey } from './demo-people';
import { demoOrigin, storeDemoImages } from './demo-images';
import { seedDemoOrders } from './demo-orders';
import { seedDemoReminder } from './demo-reminder';
import { seedSecondShop } from './demo-second-shop';

export type DemoLogin = { email: string; password: string; role: 'admin' | 'agent'; name: string };

const DAY = 86_400_000;

/** The seed runs only on an empty database, so one row is enough to say "not empty". */
export async function databaseHasWorkspaces(db: Db): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return rows.length > 0;
}

/**
 * A believable shop to click through on a fresh install: both workspaces, three staff,
 * four channels and a few dozen customers whose conversations sit in every inbox state
 * (one on Messenger past its 7-day reply window), orders in every status, and a reminder
 * for the admin due a few minutes after the seed.
 * Everything is written in one transaction, so a failure leaves the database empty and
 * the next start simply tries again.
 */
export async function seedDemoShop(
  db: Db,
  options: { encryptionKey: string; now?: Date; origin?: string },
): Promise<{ workspaceId: string; logins: DemoLogin[] }> {
  const now = options.now ?? new Date();
  // bcrypt is deliberately slow; all three share the demo password, so hash it once
  // and outside the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const workspaceId = await db.transaction(async (tx) => {
    const people = await insertPeople(tx, passwordHash, now);
    const { workspaceId } = people;

    const channelSeeds = demoChannelSeeds(DEMO_WORKSPACE.slug, DEMO_WORKSPACE.name);
    const channelIds = await insertChannels(
      tx,
      workspaceId,
      channelSeeds,
      options.encryptionKey,
      new Date(now.getTime() - 45 * DAY),
    );
    const tagIds = await insertTags(tx, workspaceId, new Date(now.getTime() - 40 * DAY));

    for (const kind of channelKinds) {
      const channelId = channelIds[kind];
      // A kind the demo shop has no account on (Instagram: an admin connects one) has no customers either.
      if (!channelId && DEMO_CUSTOMERS[kind].length === 0) continue;
      if (!channelId) throw new Error(`Demo channel ${kind} was not created`);
      await seedChannelCustomers(tx, {
        now,
        workspaceId,
        slug: DEMO_WORKSPACE.slug,
        channelId,
        channelKind: kind,
        customers: DEMO_CUSTOMERS[kind],
        staffIds: people.staffIds,
        teamIds: people.teamIds,
        tagIds,
      });
    }

    await seedDemoInboxConfig(tx, { workspaceId, now, whatsappChannelId: channelIds.whatsapp });
    // Bot flows: catalogue, welcome + checkout flows; the scripted bot conversations then
    // continue in the real welcome flow when their customer writes.
    const { welcomeFlowId } = await seedDemoFlows(tx, { workspaceId, now });
    await adoptScriptedBotConversations(tx, workspaceId, welcomeFlowId);
    await seedDemoSla(tx, { workspaceId, now });
    // Orders in every status for the Orders page, and a reminder that fires while the admin looks around.
    await seedDemoOrders(tx, { workspaceId, now });
    await seedDemoReminder(tx, { workspaceId, adminId: people.staffIds.ana, now });

    await insertSetupAudit(tx, {
      now,
      workspaceId,
      adminId: people.staffIds.ana,
      invited: (['ben', 'chloe'] as const).map((k) => ({ userId: people.staffIds[k], email: DEMO_STAFF[k].email })),
      channels: channelSeeds.map((c) => ({ id: channelIds[c.kind]!, kind: c.kind, name: c.name })),
    });

    await seedSecondShop(tx, {
      now,
      workspaceId: people.secondWorkspaceId,
      anaId: people.staffIds.ana,
      encryptionKey: options.encryptionKey,
    });

    await storeDemoImages(tx, workspaceId, options.origin ?? demoOrigin());
    return workspaceId;
  });

  const logins = (Object.keys(DEMO_STAFF) as StaffKey[]).map((k) => ({
    email: DEMO_STAFF[k].email,
    password: DEMO_PASSWORD,
    role: DEMO_STAFF[k].role,
    name: DEMO_STAFF[k].name,
  }));
  return { workspaceId, logins };
}
