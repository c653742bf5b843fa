import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { messages } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { graphMediaId, lineMessageId, lineUserId, lineWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { getConversationView } from '@/lib/inbox/history';
import { sendContent } from '@/lib/inbox/send-content';
import { retryMessage } from '@/lib/outbox/retry';
import { m4aTone, oggOpus, probe, webmOpusRecording } from '../../support/audio-fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { sessionOf } from '../support/fixtures';
import { agentOf, conversationOn } from './helpers';

// The session comes from Auth.js cookies, which exist only inside Next: given directly here.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { POST: upload } = await import('@/app/api/files/route');
const { GET: download } = await import('@/app/api/files/[fileId]/route');

const ORIGIN = 'https://inbox.shop.example';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ana: Awaited<ReturnType<typeof agentOf>>;

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  ana = await agentOf(world.workspace.id, 'Ana');
  currentUser = sessionOf(ana.user);
});

async function uploadRecording(conversationId: string, data: Buffer) {
  const form = new FormData();
  form.set('workspaceId', world.workspace.id);
  form.set('conversationId', conversationId);
  form.set('file', new File([new Uint8Array(data)], 'Voice message.webm', { type: 'audio/webm;codecs=opus' }));
  const response = await upload(new Request(`http://localhost/api/files?workspaceId=${world.workspace.id}`, { method: 'POST', body: form }));
  const body = (await response.json()) as { ok: true; data: { id: string; kind: string; mimeType: string } };
  expect(response.status).toBe(201);
  return body.data;
}

/** What the platform fetches from a signed link: the app's file route, with no session. */
async function fetchAsPlatform(url: string): Promise<Buffer> {
  const u = new URL(url);
  const saved = currentUser;
  currentUser = null;
  const response = await download(new Request(u), { params: Promise.resolve({ fileId: u.pathname.split('/').pop()! }) });
  currentUser = saved;
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function settledMessage(messageId: string) {
  return waitFor('the audio to be sent or fail', async () => {
    const [m] = await getDb().select().from(messages).where(eq(messages.id, messageId));
    return m.status === 'sent' || m.status === 'failed' ? m : null;
  });
}

async function lineConversation() {
  const ln = world.line;
  await deliver('line', ln.channel.id, lineWebhook({ destination: ln.botUserId, userId: lineUserId(), text: 'Can you explain by voice?' }, ln.secrets.channelSecret));
  await settled(ln.channel.id);
  return (await conversationsOf(ln.channel.id))[0];
}

describe('an agent’s voice recording', () => {
  it('goes to WhatsApp as Ogg/Opus and to LINE as M4A with its duration; the platforms can fetch valid files', async () => {
    const recording = webmOpusRecording(1.5);
    expect(probe(recording)).toMatchObject({ format: 'matroska', codec: 'opus' });

    const wa = await conversationOn(world, 'whatsapp');
    const waFile = await uploadRecording(wa.id, recording);
    expect(waFile).toMatchObject({ kind: 'audio', mimeType: 'audio/webm' });
    const waSend = await sendContent(getDb(), ana.ctx, { conversationId: wa.id, content: { kind: 'file', fileId: waFile.id } }, { origin: ORIGIN });
    const waRow = await settledMessage(waSend.messageId);
    expect(waRow).toMatchObject({ status: 'sent', kind: 'audio' });

    const waSent = fakes.meta.sent.filter((s) => s.platform === 'whatsapp').at(-1)?.message as { type: string; audio: { link: string } };
    expect(waSent.type).toBe('audio');
    expect(new URL(waSent.audio.link).origin).toBe(ORIGIN);
    const ogg = await fetchAsPlatform(waSent.audio.link);
    expect(ogg.subarray(0, 4).toString('latin1')).toBe('OggS');
    const oggProbe = probe(ogg);
    expect(oggProbe).toMatchObject({ format: 'ogg', codec: 'opus' });
    expect(Math.abs(oggProbe.durationMs! - 1500)).toBeLessThan(100);

    // The history shows what the customer got, with its measured length.
    // The stored outbound content is what was sent: the Ogg file's signed link.
    expect((waRow.payload as { outbound: { url: string; mimeType: string } }).outbound).toMatchObject({ url: waSent.audio.link, mimeType: 'audio/ogg' });
    const [waAttachment] = waRow.attachments;
    expect(waAttachment).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg', name: 'Voice message.ogg' });
    expect(Math.abs(waAttachment.durationMs! - 1500)).toBeLessThan(100);
    const view = await getConversationView(getDb(), ana.ctx, wa.id);
    expect(view!.messages.find((m) => m.id === waSend.messageId)!.content).toMatchObject({
      type: 'media',
      items: [{ kind: 'audio', url: waAttachment.url, durationMs: waAttachment.durationMs }],
    });

    const ln = await lineConversation();
    const lnFile = await uploadRecording(ln.id, recording);
    const lnSend = await sendContent(getDb(), ana.ctx, { conversationId: ln.id, content: { kind: 'file', fileId: lnFile.id, caption: 'Here is how' } }, { origin: ORIGIN });
    expect(await settledMessage(lnSend.messageId)).toMatchObject({ status: 'sent' });
    const lineSent = fakes.line.sent.map((s) => s.message as { type: string; originalContentUrl?: string; duration?: number; text?: string });
    const audio = lineSent.find((m) => m.type === 'audio')!;
    expect(lineSent.find((m) => m.type === 'text')?.text).toBe('Here is how');
    expect(Math.abs(audio.duration! - 1500)).toBeLessThan(100);
    const m4a = await fetchAsPlatform(audio.originalContentUrl!);
    expect(m4a.subarray(4, 11).toString('latin1')).toBe('ftypM4A');
    expect(probe(m4a)).toMatchObject({ codec: 'aac' });
  });

  it('a recording that cannot be decoded fails with its reason, and a retry tries the conversion again', async () => {
    const wa = await conversationOn(world, 'whatsapp');
    // A WebM header and then nothing that decodes.
    const broken = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('this is not really audio'.repeat(20))]);
    const file = await uploadRecording(wa.id, broken);
    const { messageId } = await sendContent(getDb(), ana.ctx, { conversationId: wa.id, content: { kind: 'file', fileId: file.id } }, { origin: ORIGIN });
    const failed = await settledMessage(messageId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The audio could not be prepared for WhatsApp \(Ogg\/Opus\): /);
    expect(fakes.meta.sent.filter((s) => s.platform === 'whatsapp')).toHaveLength(0);

    await retryMessage(getDb(), ana.ctx, { messageId });
    const again = await settledMessage(messageId);
    expect(again).toMatchObject({ status: 'failed', attempts: 1 });
    expect(again.error).toMatch(/could not be prepared for WhatsApp/);
  });
});

describe('a customer’s voice note', () => {
  it('is stored with its length: measured when the platform gives none (WhatsApp), LINE’s own otherwise', async () => {
    const mediaId = graphMediaId();
    fakes.meta.addMedia(mediaId, { data: oggOpus(2), mimeType: 'audio/ogg' });
    const wa = world.whatsapp;
    await deliver('whatsapp', wa.channel.id, whatsappWebhook({ phoneNumberId: wa.phoneNumberId, waId: '66811112222', name: 'Kerry', audio: { mediaId, mimeType: 'audio/ogg; codecs=opus' } }, wa.secrets.appSecret));
    await settled(wa.channel.id);
    const [waConversation] = await conversationsOf(wa.channel.id);
    const waView = await getConversationView(getDb(), ana.ctx, waConversation.id);
    const waItem = (waView!.messages.at(-1)!.content as { type: 'media'; items: { kind: string; url: string | null; durationMs?: number | null }[] }).items[0];
    expect(waItem).toMatchObject({ kind: 'audio', url: expect.stringMatching(/^\/api\/files\//) });
    expect(Math.abs(waItem.durationMs! - 2000)).toBeLessThan(100);

    const messageId = lineMessageId();
    fakes.line.addContent(messageId, { data: m4aTone(4), mimeType: 'audio/m4a' });
    const ln = world.line;
    await deliver('line', ln.channel.id, lineWebhook({ destination: ln.botUserId, userId: lineUserId(), audio: { id: messageId, duration: 4200, contentProvider: { type: 'line' } } } as never, ln.secrets.channelSecret));
    await settled(ln.channel.id);
    const [lnConversation] = await conversationsOf(ln.channel.id);
    const [row] = await getDb().select().from(messages).where(eq(messages.conversationId, lnConversation.id));
    expect(row.attachments[0]).toMatchObject({ kind: 'audio', durationMs: 4200 });
  });
});
