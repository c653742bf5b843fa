import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { deleteRoutingRule, listRoutingRules, moveRoutingRule, saveRoutingRule, type RoutingRuleInput } from '@/lib/routing/rules-admin';
import { auditActions, createRoutingWorld } from './world';

// Settings → Routing rules, the admin verbs: saved in order, moved, deleted, each audited;
// another workspace's rules, teams and agents are out of reach.

const blank: RoutingRuleInput = {
  name: 'Rule',
  enabled: true,
  channelKinds: [],
  teamIds: [],
  tags: [],
  customFieldKey: '',
  customFieldValue: '',
  priorities: [],
  businessHours: 'any',
  languages: [],
  actionKind: 'team',
  actionTeamId: null,
  actionAgentId: null,
};

describe('routing rules admin', () => {
  it('saves rules last in the order, with their conditions; updates, moves and deletes them, each with an audit row', async () => {
    const world = await createRoutingWorld();
    const admin = await world.member('Admin', { role: 'admin' });
    const ana = await world.member('Ana');
    const sales = await world.team('Sales');
    const vip = await saveRoutingRule(getDb(), admin, { ...blank, name: 'VIP', tags: ['VIP', 'VIP'], languages: ['en_US', 'th'], businessHours: 'open', actionTeamId: sales.id });
    const wholesale = await saveRoutingRule(getDb(), admin, { ...blank, name: 'Wholesale', actionKind: 'agent', actionAgentId: ana.actor.id, actionTeamId: sales.id });
    expect(vip.conditions).toEqual({ tags: ['VIP'], languages: ['en', 'th'], businessHours: 'open' });
    expect(wholesale).toMatchObject({ actionKind: 'agent', agentId: ana.actor.id, teamId: sales.id });
    expect((await listRoutingRules(getDb(), admin)).map((r) => r.name)).toEqual(['VIP', 'Wholesale']);

    await saveRoutingRule(getDb(), admin, { ...blank, id: vip.id, name: 'VIP customers', enabled: false, actionTeamId: sales.id });
    const moved = await moveRoutingRule(getDb(), admin, { id: wholesale.id, direction: 'up' });
    expect(moved.map((r) => [r.name, r.position, r.enabled])).toEqual([
      ['Wholesale', 1, true],
      ['VIP customers', 2, false],
    ]);
    expect(await deleteRoutingRule(getDb(), admin, { id: vip.id })).toEqual({ deleted: true });
    expect((await listRoutingRules(getDb(), admin)).map((r) => r.name)).toEqual(['Wholesale']);
    for (const action of ['created', 'updated', 'moved', 'deleted']) {
      expect((await auditActions(world.workspace.id, `routing_rule.${action}`)).length).toBeGreaterThan(0);
    }
  });

  it('refuses input that cannot route: no team for a team rule, no agent for an agent rule, a bad language', async () => {
    const world = await createRoutingWorld();
    const admin = await world.member('Admin', { role: 'admin' });
    await expect(saveRoutingRule(getDb(), admin, { ...blank })).rejects.toThrow();
    await expect(saveRoutingRule(getDb(), admin, { ...blank, actionKind: 'agent' })).rejects.toThrow();
    const team = await world.team('T');
    await expect(saveRoutingRule(getDb(), admin, { ...blank, languages: ['not a language'], actionTeamId: team.id })).rejects.toThrow();
  });

  it('another workspace’s rules, teams and agents are out of reach', async () => {
    const mine = await createRoutingWorld({ name: 'Mine' });
    const theirs = await createRoutingWorld({ name: 'Theirs' });
    const me = await mine.member('Admin', { role: 'admin' });
    const them = await theirs.member('Other admin', { role: 'admin' });
    const theirTeam = await theirs.team('Their team');
    const theirAgent = await theirs.member('Their agent');
    const theirRule = await saveRoutingRule(getDb(), them, { ...blank, name: 'Theirs', actionTeamId: theirTeam.id });

    await expect(saveRoutingRule(getDb(), me, { ...blank, actionTeamId: theirTeam.id })).rejects.toThrow(/no longer exists/);
    await expect(saveRoutingRule(getDb(), me, { ...blank, actionKind: 'agent', actionAgentId: theirAgent.actor.id })).rejects.toThrow(/not an active member/);
    const myTeam = await mine.team('Mine');
    await expect(saveRoutingRule(getDb(), me, { ...blank, id: theirRule.id, actionTeamId: myTeam.id })).rejects.toThrow(/deleted/);
    await expect(moveRoutingRule(getDb(), me, { id: theirRule.id, direction: 'down' })).rejects.toThrow(/deleted/);
    expect(await deleteRoutingRule(getDb(), me, { id: theirRule.id })).toEqual({ deleted: false });
    expect(await listRoutingRules(getDb(), me)).toEqual([]);
    expect((await listRoutingRules(getDb(), them)).map((r) => r.name)).toEqual(['Theirs']);
  });
});
