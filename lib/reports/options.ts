import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, memberships, tags, teams, users } from '@/db/schema';

/** What the Reports filters offer: the workspace's channels, teams, members and tags. */
export async function reportFilterOptions(db: DbOrTx, workspaceId: string) {
  const [channelRows, teamRows, memberRows, tagRows] = await Promise.all([
    db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
    db.select({ id: tags.id, name: tags.name }).from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(sql`lower(${tags.name})`)),
  ]);
  return { channels: channelRows, teams: teamRows, members: memberRows, tags: tagRows };
}
export type ReportFilterOptions = Awaited<ReturnType<typeof reportFilterOptions>>;
