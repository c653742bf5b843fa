import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, teams } from '@/db/schema';
import { UserError } from '@/lib/errors';
import { addTeamMember, createTeam, createTeamInput, deleteTeam, listTeams, removeTeamMember, renameTeam } from '@/lib/teams/manage';
import { createRoutingWorld, reload } from '../routing/world';

describe('teams', () => {
  it('create, rename, add and remove members, delete', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const boss = await world.member('Boss', { role: 'admin' });
    const ana = await world.member('Ana');
    const ben = await world.member('Ben');

    const sales = await createTeam(getDb(), boss, createTeamInput.parse({ name: '  Sales ' }));
    expect(sales.name).toBe('Sales');
    await expect(createTeam(getDb(), boss, { name: 'SALES' })).rejects.toMatchObject({
      code: 'conflict',
      fieldErrors: { name: ['There is already a team called SALES.'] },
    });
    const support = await createTeam(getDb(), boss, { name: 'Support' });
    await expect(renameTeam(getDb(), boss, { teamId: support.id, name: 'sales' })).rejects.toBeInstanceOf(UserError);
    await renameTeam(getDb(), boss, { teamId: support.id, name: 'Customer care' });

    await addTeamMember(getDb(), boss, { teamId: sales.id, userId: ana.actor.id });
    await addTeamMember(getDb(), boss, { teamId: sales.id, userId: ben.actor.id });
    await expect(addTeamMember(getDb(), boss, { teamId: sales.id, userId: ben.actor.id })).rejects.toThrow('Ben is already in Sales.');
    await removeTeamMember(getDb(), boss, { teamId: sales.id, userId: ana.actor.id });
    await expect(removeTeamMember(getDb(), boss, { teamId: sales.id, userId: ana.actor.id })).rejects.toThrow('This agent is not in the team.');

    expect(await listTeams(getDb(), boss)).toEqual([
      { id: support.id, name: 'Customer care', members: [] },
      { id: sales.id, name: 'Sales', members: [{ userId: ben.actor.id, name: 'Ben', active: true }] },
    ]);

    // Deleting a team releases its conversations to everyone, each with a new version.
    const request = await world.request(sales.id);
    await deleteTeam(getDb(), boss, { teamId: sales.id });
    const after = await reload(request.id);
    expect(after.teamId).toBeNull();
    expect(after.version).toBe(request.version + 1);
    expect(await getDb().select().from(teams).where(eq(teams.id, sales.id))).toHaveLength(0);
  });

  it('never touches another workspace’s teams or members', async () => {
    const mine = await createRoutingWorld({ name: 'Mine' });
    const theirs = await createRoutingWorld({ name: 'Theirs' });
    const boss = await mine.member('Boss', { role: 'admin' });
    const stranger = await theirs.member('Stranger');
    const theirTeam = await theirs.team('Their team');
    const myTeam = await createTeam(getDb(), boss, { name: 'Mine' });

    await expect(renameTeam(getDb(), boss, { teamId: theirTeam.id, name: 'Taken' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteTeam(getDb(), boss, { teamId: theirTeam.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addTeamMember(getDb(), boss, { teamId: theirTeam.id, userId: boss.actor.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addTeamMember(getDb(), boss, { teamId: myTeam.id, userId: stranger.actor.id })).rejects.toMatchObject({ code: 'not_found' });
    const [still] = await getDb().select().from(teams).where(eq(teams.id, theirTeam.id));
    expect(still.name).toBe('Their team');
    const untouched = await getDb().select().from(conversations).where(eq(conversations.workspaceId, theirs.workspace.id));
    expect(untouched).toHaveLength(0);
  });
});
