import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, inboundEvents, memberships, messages, slaTargets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { sendReply } from '@/lib/inbox/send-reply';
import { saveSlaRule } from '@/lib/sla/rules-admin';
import { createUser } from '../support/fixtures';
import { whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { processBatchable } from '@/lib/ingest/batch';
import { createProcessedMarker } from '@/lib/ingest/mark-processed';
import { releaseStrandedWaiting } from '@/lib/ingest/customer-order';
import { claimInboundEvents, ORDERED_RETRIES, processClaimedEvent, processInboundEvent, type ClaimedEvent } from '@/lib/ingest/process';
import { receiveWebhook } from '@/lib/ingest/receive';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';

// The worker's batch: a claim's texts from customers it knows, to their open conversations,
// stored in one transaction; the rest of the claim one at a time, as before.

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

let clock = Date.now() - 60_000;
const hook = (waId: string, text: string, id?: string) =>
  whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId, name: `Customer ${waId.slice(-3)}`, text, id, timestamp: new Date((clock += 1000)) }, world.whatsapp.secrets.appSecret);

async function store(h: { body: string; headers: Record<string, string> }): Promise<string> {
  const result = await receiveWebhook(getDb(), { kind: 'whatsapp', channelId: world.whatsapp.channel.id, rawBody: Buffer.from(h.body), headers: new Headers(h.headers) });
  expect(result.status).toBe(200);
  return result.storedEventId!;
}

// The worker's own marker: it also puts each customer's next waiting delivery back in the queue.
const markOne = (id: string) => createProcessedMarker(getDb())(id);

/** What the worker does with a claim: the batch first, the rest one at a time. */
async function work(claimed: ClaimedEvent[]) {
  const batched = await processBatchable(getDb(), claimed, markOne);
  const outcomes = await Promise.all(claimed.map((e) => batched.get(e.id) ?? processClaimedEvent(getDb(), e, markOne)));
  return { taken: claimed.filter((e) => batched.has(e.id)).map((e) => e.id), outcomes };
}

/** Customers who wrote once already (their first message goes the one-at-a-time way). */
async function knownCustomers(n: number): Promise<string[]> {
  const waIds = Array.from({ length: n }, (_, i) => `668100${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${i}`);
  for (const waId of waIds) expect(await processInboundEvent(getDb(), await store(hook(waId, 'Hello')))).toBe('processed');
  return waIds;
}

async function conversationOf(waId: string) {
  const rows = await getDb().execute<{ id: string }>(sql`
    select c.id from conversations c join contact_identities ci on ci.contact_id = c.contact_id and ci.channel_id = c.channel_id
    where ci.external_id = ${waId} and c.channel_id = ${world.whatsapp.channel.id}`);
  const [row] = await getDb().select().from(conversations).where(eq(conversations.id, rows.rows[0].id));
  return row;
}

const inboundTexts = async (conversationId: string) =>
  (await getDb().select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.seq)))
    .filter((m) => m.direction === 'inbound')
    .map((m) => m.body);

async function statuses(ids: string[]) {
  const rows = await getDb().select({ id: inboundEvents.id, status: inboundEvents.status }).from(inboundEvents).where(inArray(inboundEvents.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
}

describe('a batch of texts from known customers', () => {
  it('stores every message in its conversation, moves each conversation on once, and marks every delivery processed', async () => {
    const waIds = await knownCustomers(4);
    const before = await Promise.all(waIds.map(conversationOf));
    const ids: string[] = [];
    for (const waId of waIds) ids.push(await store(hook(waId, `Size M for ${waId}?`, `wamid.batch.${waId}`)));

    const { taken, outcomes } = await work(await claimInboundEvents(getDb(), 10));
    expect(taken.sort()).toEqual([...ids].sort());
    expect(outcomes).toEqual(ids.map(() => 'processed'));
    expect(await statuses(ids)).toEqual(ids.map(() => 'processed'));

    for (const [i, waId] of waIds.entries()) {
      const after = await conversationOf(waId);
      expect(await inboundTexts(after.id)).toEqual(['Hello', `Size M for ${waId}?`]);
      expect(after).toMatchObject({
        id: before[i].id,
        lastMessagePreview: `Size M for ${waId}?`,
        lastMessageKind: 'text',
        channelState: expect.objectContaining({ lastInboundExternalId: `wamid.batch.${waId}` }),
      });
      expect(after.version).toBeGreaterThan(before[i].version);
      expect(after.lastCustomerMessageAt!.getTime()).toBeGreaterThan(before[i].lastCustomerMessageAt!.getTime());
    }
  });

  it('takes a customer’s first message beside the others; their second waits for the next claim, and they stay in order', async () => {
    const [ann, ben, cat] = await knownCustomers(3);
    const ids = [
      await store(hook(ann, 'first', 'wamid.order.1')),
      await store(hook(ben, 'from Ben')),
      await store(hook(ann, 'second', 'wamid.order.2')),
      await store(hook(cat, 'from Cat')),
    ];
    const first = await claimInboundEvents(getDb(), 10);
    expect(first.map((e) => e.id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    // While Ann's first is being processed, her second is not anyone's to claim.
    expect(await claimInboundEvents(getDb(), 10)).toEqual([]);
    const { taken, outcomes } = await work(first);
    expect(taken.sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    expect(outcomes).toEqual(['processed', 'processed', 'processed']);
    const second = await claimInboundEvents(getDb(), 10);
    expect(second.map((e) => e.id)).toEqual([ids[2]]);
    await work(second);
    expect(await inboundTexts((await conversationOf(ann)).id)).toEqual(['Hello', 'first', 'second']);
  });

  it('a new customer in the claim is left to the one-at-a-time path, which gives them a contact and a conversation', async () => {
    const [ann, ben] = await knownCustomers(2);
    const ids = [await store(hook(ann, 'again')), await store(hook('66899990001', 'I am new here')), await store(hook(ben, 'me too'))];
    const { taken, outcomes } = await work(await claimInboundEvents(getDb(), 10));
    expect(taken.sort()).toEqual([ids[0], ids[2]].sort());
    expect(outcomes).toEqual(['processed', 'processed', 'processed']);
    expect(await inboundTexts((await conversationOf('66899990001')).id)).toEqual(['I am new here']);
  });

  it('a message stored already is not stored again, and its delivery is done', async () => {
    const [ann, ben] = await knownCustomers(2);
    await work(await claimInboundEvents(getDb(), 10)); // nothing pending
    expect(await processInboundEvent(getDb(), await store(hook(ann, 'Where is my parcel?', 'wamid.dup.1')))).toBe('processed');
    // The platform sends it again (another delivery, another timestamp), beside Ben's new one.
    const again = await store(hook(ann, 'Where is my parcel?', 'wamid.dup.1'));
    const other = await store(hook(ben, 'Hi again'));
    const { taken, outcomes } = await work(await claimInboundEvents(getDb(), 10));
    // The duplicate goes the one-at-a-time way, which also looks whether it still awaits the bot.
    expect(taken).toEqual([other]);
    expect(outcomes).toEqual(['processed', 'processed']);
    expect(await statuses([again, other])).toEqual(['processed', 'processed']);
    expect(await inboundTexts((await conversationOf(ann)).id)).toEqual(['Hello', 'Where is my parcel?']);
    expect(await inboundTexts((await conversationOf(ben)).id)).toEqual(['Hello', 'Hi again']);
  });

  it('when one message cannot be stored, the others still are, one at a time, and it fails alone to be retried', async () => {
    const [ann, ben, cat] = await knownCustomers(3);
    await getDb().execute(sql`
      create or replace function test_refuse_boom() returns trigger language plpgsql as $$
      begin if new.body = 'boom' then raise exception 'refused for the test'; end if; return new; end $$`);
    await getDb().execute(sql`create trigger test_refuse_boom before insert on messages for each row execute function test_refuse_boom()`);
    try {
      const ids = [await store(hook(ann, 'fine')), await store(hook(ben, 'boom')), await store(hook(cat, 'also fine'))];
      const { outcomes } = await work(await claimInboundEvents(getDb(), 10));
      expect(outcomes).toEqual(['processed', 'failed', 'processed']);
      expect(await statuses(ids)).toEqual(['processed', 'failed', 'processed']);
      const [failed] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, ids[1]));
      expect(failed.error).toMatch(/refused for the test/);
      expect(failed.nextAttemptAt).not.toBeNull();
      expect(await inboundTexts((await conversationOf(ann)).id)).toEqual(['Hello', 'fine']);
      expect(await inboundTexts((await conversationOf(cat)).id)).toEqual(['Hello', 'also fine']);
      expect(await inboundTexts((await conversationOf(ben)).id)).toEqual(['Hello']);
    } finally {
      await getDb().execute(sql`drop trigger if exists test_refuse_boom on messages`);
    }
  });

  it('two workers at once: a customer’s second message waits for the first, whichever worker claims, and both conversations move on', async () => {
    const [ann, ben, cat] = await knownCustomers(3);
    const before = await conversationOf(ann);
    const first = [await store(hook(ann, 'from worker one', 'wamid.race.1')), await store(hook(ben, 'Ben'))];
    const claimOne = await claimInboundEvents(getDb(), 10);
    const second = [await store(hook(ann, 'from worker two', 'wamid.race.2')), await store(hook(cat, 'Cat'))];
    // The second worker claims while the first holds Ann's first message: it takes Cat's only.
    const claimTwo = await claimInboundEvents(getDb(), 10);
    expect(claimOne.map((e) => e.id).sort()).toEqual([...first].sort());
    expect(claimTwo.map((e) => e.id)).toEqual([second[1]]);

    const results = await Promise.all([work(claimOne), work(claimTwo)]);
    expect(results.flatMap((r) => r.outcomes)).toEqual(['processed', 'processed', 'processed']);
    await work(await claimInboundEvents(getDb(), 10));
    const after = await conversationOf(ann);
    expect(await inboundTexts(after.id)).toEqual(['Hello', 'from worker one', 'from worker two']);
    expect(after.version - before.version).toBeGreaterThanOrEqual(2);
    expect(after.channelState.lastInboundExternalId).toBe('wamid.race.2');
    expect(await statuses([...first, ...second])).toEqual(['processed', 'processed', 'processed', 'processed']);
  });

  it('a late message (older than the customer’s newest) is stored but moves no pointer, in the batch and one at a time', async () => {
    const [ann, ben] = await knownCustomers(2);
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
    const timed = (waId: string, text: string, id: string, when: Date) =>
      whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId, name: `Customer ${waId.slice(-3)}`, text, id, timestamp: when }, world.whatsapp.secrets.appSecret);
    const newestAt = at(5);
    expect(await processInboundEvent(getDb(), await store(timed(ann, 'newest', 'wamid.late.newest', newestAt)))).toBe('processed');

    // Delivered late: in a batch beside Ben's message, then alone.
    await store(timed(ann, 'older', 'wamid.late.older', at(20)));
    await store(timed(ben, 'Ben now', 'wamid.late.ben', at(1)));
    const { outcomes } = await work(await claimInboundEvents(getDb(), 10));
    expect(outcomes).toEqual(['processed', 'processed']);
    expect(await processInboundEvent(getDb(), await store(timed(ann, 'oldest', 'wamid.late.oldest', at(30))))).toBe('processed');

    const conversation = await conversationOf(ann);
    expect((await inboundTexts(conversation.id)).sort()).toEqual(['Hello', 'newest', 'older', 'oldest'].sort());
    expect(conversation.channelState.lastInboundExternalId).toBe('wamid.late.newest');
    expect(conversation.lastCustomerMessageAt!.getTime()).toBe(Math.floor(newestAt.getTime() / 1000) * 1000);
    // The preview shows the newest message, or what came after it (the bot's answer), never a late one.
    expect(['older', 'oldest']).not.toContain(conversation.lastMessagePreview);
  });

  it('a customer’s later message waits while an earlier one failed and is due for one of its first retries, then goes ahead', async () => {
    const [ann, ben] = await knownCustomers(2);
    const first = await store(hook(ann, 'first'));
    const second = await store(hook(ann, 'second'));
    const other = await store(hook(ben, 'Ben'));
    const claimed = await claimInboundEvents(getDb(), 10);
    expect(claimed.map((e) => e.id).sort()).toEqual([first, other].sort());
    // Ann's first failed (a worker died holding it, the database was away): due again soon.
    await getDb().update(inboundEvents).set({ status: 'failed', nextAttemptAt: new Date(Date.now() + 30_000) }).where(eq(inboundEvents.id, first));
    await markOne(other);
    expect(await claimInboundEvents(getDb(), 10)).toEqual([]);
    // It kept failing: after ORDERED_RETRIES attempts the later ones stop waiting for it (set
    // here by hand, so it is the worker's poll that finds Ann's second one free to go).
    await getDb().update(inboundEvents).set({ attempts: ORDERED_RETRIES }).where(eq(inboundEvents.id, first));
    expect(await statuses([second])).toEqual(['waiting']);
    expect(await releaseStrandedWaiting(getDb())).toBe(1);
    expect((await claimInboundEvents(getDb(), 10)).map((e) => e.id)).toEqual([second]);
  });

  it('under an SLA rule: a reply owed already stays as it is, and a customer writing after the agent’s reply owes the next one', async () => {
    const db = getDb();
    const user = await createUser(db, 'Ana');
    await db.insert(memberships).values({ workspaceId: world.workspace.id, userId: user.id, role: 'admin' });
    const ana: ActorContext = { workspaceId: world.workspace.id, actor: { id: user.id, name: 'Ana', role: 'admin', email: user.email } };
    await saveSlaRule(db, ana, {
      name: 'Standard', enabled: true, channelKinds: [], teamIds: [], tags: [], customFieldKey: '', customFieldValue: '', priorities: [],
      firstResponseMinutes: 10, nextResponseMinutes: 5, resolutionMinutes: 60, businessHours: false,
    });
    const [ann, ben] = await knownCustomers(2);
    const annConversation = await conversationOf(ann);
    const benConversation = await conversationOf(ben);
    expect(annConversation.slaRuleId).not.toBeNull();
    await sendReply(db, ana, { conversationId: benConversation.id, text: 'Happy to help', note: false });
    const pendingKinds = async (conversationId: string) =>
      (await db.select().from(slaTargets).where(eq(slaTargets.conversationId, conversationId)))
        .filter((t) => !t.metAt && !t.cancelledAt)
        .map((t) => t.kind)
        .sort();
    expect(await pendingKinds(annConversation.id)).toEqual(['first_response', 'resolution']);
    expect(await pendingKinds(benConversation.id)).toEqual(['resolution']);

    const ids = [await store(hook(ann, 'Any news?')), await store(hook(ben, 'Thanks! One more thing'))];
    const { taken } = await work(await claimInboundEvents(getDb(), 10));
    expect(taken.sort()).toEqual([...ids].sort());
    expect(await pendingKinds(annConversation.id)).toEqual(['first_response', 'resolution']);
    expect(await pendingKinds(benConversation.id)).toEqual(['next_response', 'resolution']);
    expect((await conversationOf(ben)).slaDueKind).toBe('next_response');
  });
});
