import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { probe, webmOpusRecording } from '../../support/audio-fixtures';
import { addMember, createUser } from '../support/fixtures';
import { startTestRealtime } from '../support/realtime';
import { agentReply, createWidgetWorld, history, newVisitor, resetLimits, sendText } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());
beforeEach(resetLimits);

describe('an agent’s voice message in the website chat', () => {
  it('reaches the visitor as M4A (which every browser plays, Safari included), with its length', async () => {
    const w = await createWidgetWorld();
    const agent = await createUser(w.db, 'Ana Agent');
    await addMember(w.db, w.workspace.id, agent.id, 'agent');
    const visitor = await newVisitor(w.client);
    const first = await sendText(w.client, visitor.visitorToken, 'Could you say that out loud?');
    const [inbound] = await w.db.select().from(messages).where(eq(messages.id, first.body.message.id));

    const recording = await saveFile(w.db, w.workspace.id, { data: webmOpusRecording(1.2), name: 'Voice message.webm', mimeType: 'audio/webm' });
    const sent = await agentReply(w.workspace.id, inbound.conversationId, agent.id, { kind: 'media', mediaKind: 'audio', url: fileUrl(recording.id), name: recording.name });
    expect(sent.status).toBe('sent');

    const { body } = await history(w.client, visitor.visitorToken);
    const reply = body.messages.at(-1)!;
    expect(reply).toMatchObject({ from: 'agent', status: 'sent' });
    const [audio] = reply.attachments ?? [];
    expect(audio).toMatchObject({ kind: 'audio', mimeType: 'audio/mp4', name: 'Voice message.m4a' });

    // The visitor's link is the widget's own signed file link; what it serves is M4A/AAC.
    const link = new URL(audio.url, 'http://localhost');
    const fileId = link.pathname.split('/').pop()!;
    const response = await w.client.file(fileId, link.searchParams.get('sig'));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(4, 11).toString('latin1')).toBe('ftypM4A');
    expect(probe(bytes)).toMatchObject({ codec: 'aac' });

    const [row] = await w.db.select().from(messages).where(eq(messages.id, sent.message.id));
    expect(Math.abs(row.attachments[0].durationMs! - 1200)).toBeLessThan(100);
  });
});
