import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, conversations, inboundEvents } from '@/db/schema';
import { graphErrors, graphMediaId, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { processInboundEvent } from '@/lib/ingest/process';
import { receiveWebhook } from '@/lib/ingest/receive';
import { sweepOnce } from '@/background/sweep';
import { flow, seedCatalogue, welcomeDefinition } from '../flows/helpers';
import { contactsOf, conversationsOf, createChannelWorld, identitiesOf, messagesOf, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

async function store(hook: { body: string; headers: Record<string, string> }) {
  const result = await receiveWebhook(getDb(), {
    kind: 'whatsapp',
    channelId: world.whatsapp.channel.id,
    rawBody: Buffer.from(hook.body),
    headers: new Headers(hook.headers),
  });
  expect(result.status).toBe(200);
  return result.storedEventId!;
}

describe('a new customer writing twice at once', () => {
  it('gives one contact, one identity and one conversation', async () => {
    const { phoneNumberId, secrets } = world.whatsapp;
    const first = whatsappWebhook({ phoneNumberId, waId: '66899999999', name: 'Ploy', text: 'Hello?' }, secrets.appSecret);
    const second = whatsappWebhook({ phoneNumberId, waId: '66899999999', name: 'Ploy', text: 'Anyone there?' }, secrets.appSecret);
    const ids = await Promise.all([store(first), store(second)]);
    const outcomes = await Promise.all(ids.map((id) => processInboundEvent(getDb(), id)));
    expect(outcomes).toEqual(['processed', 'processed']);

    expect(await contactsOf(world.workspace.id)).toHaveLength(1);
    expect(await identitiesOf(world.whatsapp.channel.id)).toHaveLength(1);
    expect(await conversationsOf(world.whatsapp.channel.id)).toHaveLength(1);
    const bodies = (await messagesOf(world.whatsapp.channel.id)).filter((m) => m.kind === 'text').map((m) => m.body);
    expect(bodies.sort()).toEqual(['Anyone there?', 'Hello?']);
  });
});

describe('a processing failure', () => {
  it('is kept, retried later by the sweep, and nothing is lost', async () => {
    const { phoneNumberId, secrets, channel } = world.whatsapp;
    const hook = whatsappWebhook({ phoneNumberId, waId: '66811112222', name: 'Arisa', text: 'Is my order on its way?' }, secrets.appSecret);
    const id = await store(hook);
    // The channel cannot be loaded for now (its stored credentials do not decrypt).
    const [row] = await getDb().select().from(channels).where(eq(channels.id, channel.id));
    await getDb().update(channels).set({ secretsEncrypted: 'not-a-sealed-secret' }).where(eq(channels.id, channel.id));

    expect(await processInboundEvent(getDb(), id)).toBe('failed');
    const [failed] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.error).toBeTruthy();
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await messagesOf(channel.id)).toHaveLength(0);

    // Not due yet: the sweep leaves it alone.
    expect((await sweepOnce(getDb())).inbound).toBe(0);
    // Once due (and the channel readable again), the sweep processes it and the message arrives.
    await getDb().update(channels).set({ secretsEncrypted: row.secretsEncrypted }).where(eq(channels.id, channel.id));
    const later = new Date(failed.nextAttemptAt!.getTime() + 1000);
    expect((await sweepOnce(getDb(), later)).inbound).toBe(1);
    const [done] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, id));
    expect(done).toMatchObject({ status: 'processed', attempts: 2, error: null });
    expect((await messagesOf(channel.id)).filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(['Is my order on its way?']);
  });

  it('a media download that fails does not hold the message back: stored at once, the attachment marked unavailable', async () => {
    const { phoneNumberId, secrets, channel } = world.whatsapp;
    const mediaId = graphMediaId();
    fakes.meta.addMedia(mediaId, { data: Buffer.from('receipt.pdf bytes'), mimeType: 'application/pdf' });
    fakes.meta.failNext({ platform: 'whatsapp', endpoint: 'media', ...graphErrors.serverError() });
    const hook = whatsappWebhook({ phoneNumberId, waId: '66811112222', name: 'Arisa', document: { mediaId, mimeType: 'application/pdf', filename: 'receipt.pdf' } }, secrets.appSecret);
    const id = await store(hook);

    expect(await processInboundEvent(getDb(), id)).toBe('processed');
    const file = (await messagesOf(channel.id)).find((m) => m.kind === 'file');
    expect(file?.attachments[0]).toMatchObject({ url: '', name: 'receipt.pdf', unavailable: expect.stringMatching(/HTTP 500/), source: { mediaId } });
  });

  it('a delivery whose processing never started is picked up by the sweep', async () => {
    const { phoneNumberId, secrets, channel } = world.whatsapp;
    const id = await store(whatsappWebhook({ phoneNumberId, waId: '66833334444', text: 'lost?' }, secrets.appSecret));
    const inAMinute = new Date(Date.now() + 60_000);
    await sweepOnce(getDb(), inAMinute);
    const [event] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.id, id));
    expect(event.status).toBe('processed');
    expect((await messagesOf(channel.id)).some((m) => m.body === 'lost?')).toBe(true);
  });

  it('two workers never process the same delivery twice', async () => {
    const { phoneNumberId, secrets } = world.whatsapp;
    const id = await store(whatsappWebhook({ phoneNumberId, waId: '66855556666', text: 'once' }, secrets.appSecret));
    const outcomes = await Promise.all([processInboundEvent(getDb(), id), processInboundEvent(getDb(), id)]);
    expect(outcomes.sort()).toEqual(['processed', 'skipped']);
  });
});

describe('the same platform message delivered again, from a customer already seen', () => {
  it('is stored once, and after a resolve it reopens nothing', async () => {
    const { phoneNumberId, secrets, channel } = world.whatsapp;
    const waId = '66877778888';
    // The platform sends the message again in a delivery of its own (another timestamp, so another body).
    const hook = (text: string, id: string, at: Date) => whatsappWebhook({ phoneNumberId, waId, name: 'Nok', text, id, timestamp: at }, secrets.appSecret);
    expect(await processInboundEvent(getDb(), await store(hook('First', 'wamid.first', new Date(Date.now() - 3000))))).toBe('processed');
    expect(await processInboundEvent(getDb(), await store(hook('Second', 'wamid.second', new Date(Date.now() - 2000))))).toBe('processed');
    expect(await processInboundEvent(getDb(), await store(hook('Second', 'wamid.second', new Date(Date.now() - 1000))))).toBe('processed');
    const texts = () => messagesOf(channel.id).then((rows) => rows.filter((m) => m.direction === 'inbound').map((m) => m.body));
    expect(await texts()).toEqual(['First', 'Second']);

    const [conversation] = await conversationsOf(channel.id);
    await getDb().update(conversations).set({ status: 'resolved' }).where(eq(conversations.id, conversation.id));
    expect(await processInboundEvent(getDb(), await store(hook('First', 'wamid.first', new Date())))).toBe('processed');
    expect(await texts()).toEqual(['First', 'Second']);
    expect((await conversationsOf(channel.id)).map((c) => c.status)).toEqual(['resolved']);
  });
});

describe('a delivery retried after its message was stored but before the bot answered', () => {
  it('gets the bot’s answer, once, however many deliveries follow', async () => {
    const { phoneNumberId, secrets, channel } = world.whatsapp;
    const shop = await seedCatalogue(world.workspace.id);
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['whatsapp'] });
    const waId = '66844445555';
    const hook = (at: Date) => whatsappWebhook({ phoneNumberId, waId, name: 'Mali', text: 'Hi!', id: 'wamid.resume.1', timestamp: at }, secrets.appSecret);
    const botAnswers = async () => (await messagesOf(channel.id)).filter((m) => m.direction === 'outbound' && m.senderKind === 'bot').map((m) => m.body);

    // The bot's step fails once after the message is stored (as when the worker dies there).
    await getDb().execute(sql`
      create or replace function test_refuse_bot() returns trigger language plpgsql as $$
      begin if new.sender_kind = 'bot' then raise exception 'the worker died here'; end if; return new; end $$`);
    await getDb().execute(sql`create trigger test_refuse_bot before insert on messages for each row execute function test_refuse_bot()`);
    try {
      expect(await processInboundEvent(getDb(), await store(hook(new Date(Date.now() - 3000))))).toBe('processed');
    } finally {
      await getDb().execute(sql`drop trigger if exists test_refuse_bot on messages`);
    }
    expect((await messagesOf(channel.id)).filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(['Hi!']);
    expect(await botAnswers()).toEqual([]);

    // The platform delivers the message again, twice: the stored message gets its answer once.
    expect(await processInboundEvent(getDb(), await store(hook(new Date(Date.now() - 2000))))).toBe('processed');
    expect(await processInboundEvent(getDb(), await store(hook(new Date(Date.now() - 1000))))).toBe('processed');
    expect((await messagesOf(channel.id)).filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(['Hi!']);
    expect(await botAnswers()).toEqual(['Hi Mali! How can I help?']);
  });
});
