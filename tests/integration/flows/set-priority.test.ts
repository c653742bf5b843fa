import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, messages, slaTargets } from '@/db/schema';
import type { FakePlatforms } from '@/fake-platforms';
import type { FlowDefinitionInput } from '@/lib/flows/definition';
import { saveSlaRule } from '@/lib/sla/rules-admin';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
import { flow, messengerCustomer, onlineMember } from './helpers';

// A flow's "set priority" step changes the conversation through the one writer: the
// priority, a status line, a version bump and an audit row, and the SLA rule that matches
// on the priority applies once the conversation reaches the team.

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

const statusLines = async (conversationId: string) =>
  (await getDb().select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'status'))).orderBy(messages.createdAt, messages.seq)).map((m) => m.body);

// Asks until the customer wants a person; "Broken" makes the conversation urgent and asks again.
const triage: FlowDefinitionInput = {
  start: 'ask',
  steps: [
    {
      id: 'ask',
      type: 'ask_choice',
      text: 'What happened?',
      options: [
        { title: 'Broken', next: 'urgent' },
        { title: 'Agent', next: 'handoff' },
      ],
    },
    { id: 'urgent', type: 'set_priority', priority: 'urgent', next: 'ask' },
    { id: 'handoff', type: 'hand_off', message: 'Connecting you with our team.' },
  ],
};

describe('set priority step', () => {
  it('sets the conversation’s priority with a status line, a version bump and an audit row; the same priority again changes nothing', async () => {
    await flow(world.workspace.id, 'Triage', triage, { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hello' });
    const before = (await kerry.conversation())!;
    expect(before).toMatchObject({ handler: 'bot', priority: 'none' });

    await kerry.say({ text: 'Broken' });
    const after = (await kerry.conversation())!;
    expect(after).toMatchObject({ handler: 'bot', priority: 'urgent', botState: { stepId: 'ask', paused: false } });
    expect(after.version).toBeGreaterThan(before.version);
    expect(await statusLines(after.id)).toEqual(['Customer triggered the bot', 'The bot set the priority to Urgent']);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, after.id), eq(auditLog.action, 'conversation.set_priority')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: null, data: { from: { priority: 'none' }, to: { priority: 'urgent' }, by: 'bot' } });

    // Already urgent: no second line.
    await kerry.say({ text: 'Broken' });
    expect(await statusLines(after.id)).toEqual(['Customer triggered the bot', 'The bot set the priority to Urgent']);
    expect(await kerry.conversation()).toMatchObject({ priority: 'urgent' });
  });

  it('an SLA rule for urgent conversations applies once the bot hands the conversation to the team', async () => {
    const admin = await onlineMember(world.workspace.id, 'Ana', 'admin');
    const rule = await saveSlaRule(getDb(), admin, {
      name: 'Urgent',
      enabled: true,
      channelKinds: [],
      teamIds: [],
      tags: [],
      customFieldKey: '',
      customFieldValue: '',
      priorities: ['urgent'],
      firstResponseMinutes: 5,
      nextResponseMinutes: 5,
      resolutionMinutes: 60,
      businessHours: false,
    });
    await flow(world.workspace.id, 'Triage', triage, { welcomeChannels: ['facebook'] });
    const kerry = messengerCustomer(world, fakes);
    await kerry.say({ text: 'hello' });
    await kerry.say({ text: 'Broken' });
    // Still the bot's: no target runs yet.
    const withBot = (await kerry.conversation())!;
    expect(withBot.slaRuleId).toBeNull();
    expect(await getDb().select().from(slaTargets).where(eq(slaTargets.conversationId, withBot.id))).toEqual([]);

    await kerry.say({ text: 'Agent' });
    const c = (await kerry.conversation())!;
    expect(c).toMatchObject({ handler: 'queue', priority: 'urgent', slaRuleId: rule.id, slaDueKind: 'first_response' });
  });
});
