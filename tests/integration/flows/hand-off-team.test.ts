import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { flowVersions, teams } from '@/db/schema';
import type { FakePlatforms } from '@/fake-platforms';
import { createFlow, updateFlow } from '@/lib/flows/store';
import type { FlowDefinitionInput } from '@/lib/flows/definition';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
import { createWorkspace } from '../support/fixtures';
import { flow, messengerCustomer } from './helpers';

// A flow definition is JSON an admin can paste: a hand-off team named in it must be one of
// this workspace's teams, or the request would be parked where none of its agents look.

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
});

const handOffTo = (teamId: string): FlowDefinitionInput => ({
  start: 'handoff',
  steps: [{ id: 'handoff', type: 'hand_off', message: 'Connecting you with our team.', teamId }],
});

async function teamIn(workspaceId: string, name: string) {
  const [team] = await getDb().insert(teams).values({ workspaceId, name }).returning();
  return team;
}

describe('hand-off team', () => {
  it('saving a flow that hands off to another workspace’s team is refused', async () => {
    const other = await createWorkspace(getDb(), 'Other shop');
    const theirs = await teamIn(other.id, 'Their VIP desk');
    await expect(createFlow(getDb(), world.workspace.id, { name: 'Steal', kind: 'custom', triggers: {}, definition: handOffTo(theirs.id) })).rejects.toThrow(
      /not a team of this workspace/,
    );
    const ours = await teamIn(world.workspace.id, 'Our VIP desk');
    const saved = await createFlow(getDb(), world.workspace.id, { name: 'VIP', kind: 'custom', triggers: {}, definition: handOffTo(ours.id) });
    await expect(
      getDb().transaction((tx) => updateFlow(tx, world.workspace.id, saved.id, { name: 'VIP', kind: 'custom', triggers: {}, definition: handOffTo(theirs.id) })),
    ).rejects.toThrow(/not a team of this workspace/);
  });

  it('a stored version naming a foreign team hands off to the general queue', async () => {
    const ours = await teamIn(world.workspace.id, 'Our VIP desk');
    const welcome = await flow(world.workspace.id, 'Welcome', handOffTo(ours.id), { welcomeChannels: ['facebook'] });
    // A version written before teams were checked: point it at another workspace's team.
    const other = await createWorkspace(getDb(), 'Other shop');
    const theirs = await teamIn(other.id, 'Their VIP desk');
    await getDb()
      .update(flowVersions)
      .set({ definition: handOffTo(theirs.id) })
      .where(and(eq(flowVersions.flowId, welcome.id), eq(flowVersions.version, 1)));

    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hello' });
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', teamId: null });
  });

  it('a hand-off to one of the workspace’s own teams keeps the team', async () => {
    const ours = await teamIn(world.workspace.id, 'Our VIP desk');
    await flow(world.workspace.id, 'Welcome', handOffTo(ours.id), { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hello' });
    expect(await kerry.conversation()).toMatchObject({ handler: 'queue', teamId: ours.id });
  });
});
