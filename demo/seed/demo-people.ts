import type { Tx } from '@/db/client';
import { memberships, teamMembers, teams, users, workspaces } from '@/db/schema';

export const DEMO_PASSWORD = 'baton-demo';

export type StaffKey = 'ana' | 'ben' | 'chloe';
export type TeamKey = 'sales' | 'support';

export type StaffSeed = {
  email: string;
  name: string;
  role: 'admin' | 'agent';
  availability: 'online' | 'away';
  /**
   * Most open conversations automatic routing gives them: what one person can follow at once,
   * with room above the seeded load (Ana 4, Ben 6, Chloe 5) so switching to automatic
   * assigns waiting requests instead of finding everyone full.
   */
  capacity: number;
};

export const DEMO_STAFF: Record<StaffKey, StaffSeed> = {
  // The owner answers too, but also runs the shop: a lighter load.
  ana: { email: 'admin@demo.baton.chat', name: 'Ana Admin', role: 'admin', availability: 'online', capacity: 6 },
  ben: { email: 'ben@demo.baton.chat', name: 'Ben Carter', role: 'agent', availability: 'online', capacity: 8 },
  // One agent away, so presence and automatic routing have someone to skip.
  chloe: { email: 'chloe@demo.baton.chat', name: 'Chloe Tan', role: 'agent', availability: 'away', capacity: 8 },
};

export const DEMO_TEAMS: Record<TeamKey, { name: string; members: StaffKey[] }> = {
  sales: { name: 'Sales', members: ['ben'] },
  support: { name: 'Support', members: ['chloe', 'ana'] },
};

export const DEMO_WORKSPACE = {
  name: 'Demo Shop',
  slug: 'demo-shop',
  routingMode: 'manual',
  timezone: 'Asia/Bangkok',
} as const;

// Only Ana belongs here: it gives the workspace picker a second entry without
// letting the agents see another shop's customers.
export const SECOND_WORKSPACE = {
  name: 'Second Shop',
  slug: 'second-shop',
  routingMode: 'manual',
  timezone: 'Asia/Bangkok',
} as const;

export type SeededPeople = {
  workspaceId: string;
  secondWorkspaceId: string;
  staffIds: Record<StaffKey, string>;
  teamIds: Record<TeamKey, string>;
};

const DAY = 86_400_000;

function isSlugTaken(err: unknown): boolean {
  // Drizzle wraps the driver error; the PostgreSQL code and constraint are on its cause.
  const pg = ((err as { cause?: unknown })?.cause ?? err) as { code?: string; constraint?: string };
  return pg?.code === '23505' && pg.constraint === 'workspaces_slug_key';
}

export async function insertPeople(tx: Tx, passwordHash: string, now: Date): Promise<SeededPeople> {
  const openedAt = new Date(now.getTime() - 90 * DAY);

  // The demo slug is unique: a second run stops here on the unique key instead of
  // creating a parallel copy of the shop.
  const [demo] = await tx
    .insert(workspaces)
    .values({ ...DEMO_WORKSPACE, createdAt: openedAt })
    .returning({ id: workspaces.id })
    .catch((err: unknown) => {
      if (!isSlugTaken(err)) throw err;
      throw new Error(`The demo shop is already seeded: workspace slug "${DEMO_WORKSPACE.slug}" exists`, { cause: err });
    });
  const [second] = await tx
    .insert(workspaces)
    .values({ ...SECOND_WORKSPACE, createdAt: new Date(now.getTime() - 20 * DAY) })
    .returning({ id: workspaces.id });

  const keys = Object.keys(DEMO_STAFF) as StaffKey[];
  const staffIds = {} as Record<StaffKey, string>;
  for (const [i, key] of keys.entries()) {
    const s = DEMO_STAFF[key];
    const [row] = await tx
      .insert(users)
      .values({ email: s.email, name: s.name, passwordHash, createdAt: new Date(openedAt.getTime() + i * DAY) })
      .returning({ id: users.id });
    staffIds[key] = row.id;
  }

  await tx.insert(memberships).values([
    ...keys.map((key, i) => ({
      workspaceId: demo.id,
      userId: staffIds[key],
      role: DEMO_STAFF[key].role,
      availability: DEMO_STAFF[key].availability,
      capacity: DEMO_STAFF[key].capacity,
      createdAt: new Date(openedAt.getTime() + i * DAY),
    })),
    {
      workspaceId: second.id,
      userId: staffIds.ana,
      role: 'admin' as const,
      availability: 'online' as const,
      createdAt: new Date(now.getTime() - 20 * DAY),
    },
  ]);

  const teamIds = {} as Record<TeamKey, string>;
  for (const key of Object.keys(DEMO_TEAMS) as TeamKey[]) {
    const t = DEMO_TEAMS[key];
    const [row] = await tx
      .insert(teams)
      .values({ workspaceId: demo.id, name: t.name, createdAt: new Date(openedAt.getTime() + 3 * DAY) })
      .returning({ id: teams.id });
    teamIds[key] = row.id;
    await tx
      .insert(teamMembers)
      .values(t.members.map((m) => ({ teamId: row.id, userId: staffIds[m], workspaceId: demo.id })));
  }

  return { workspaceId: demo.id, secondWorkspaceId: second.id, staffIds, teamIds };
}
