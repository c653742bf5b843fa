import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '@/lib/inbox/history';
import { isPartial, mergeMessages, messageFromSummary, patchMessage, senderNames } from './history-state';

function msg(id: string, at: number, seq: number, extra: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id,
    conversationId: 'c1',
    seq,
    direction: 'outbound',
    senderKind: 'agent',
    senderUserId: 'u1',
    senderName: 'Ana',
    kind: 'text',
    body: id,
    attachments: [],
    content: { type: 'text', text: id },
    status: 'sent',
    error: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, 0, at)).toISOString(),
    ...extra,
  };
}

describe('mergeMessages', () => {
  it('adds new messages in (createdAt, seq) order and keeps one copy per id', () => {
    const list = [msg('b', 2, 2), msg('a', 1, 1)].sort(() => 0);
    const merged = mergeMessages(list, [msg('c', 2, 3), msg('a', 1, 1), msg('z', 0, 9)]);
    expect(merged.map((m) => m.id)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('never moves delivery backwards from a stale snapshot, but takes a retry after a failure', () => {
    const read = [msg('a', 1, 1, { status: 'read' })];
    expect(mergeMessages(read, [msg('a', 1, 1, { status: 'sent' })])[0].status).toBe('read');
    const failed = [msg('a', 1, 1, { status: 'failed', error: 'boom' })];
    expect(mergeMessages(failed, [msg('a', 1, 1, { status: 'queued' })])[0]).toMatchObject({ status: 'queued', error: null });
  });

  it('replaces a partial message (from an event) with the full one, and never the other way round', () => {
    const names = senderNames([], { id: 'me', name: 'Me' });
    const { message: partial, needsFetch } = messageFromSummary(
      { id: 'p', conversationId: 'c1', direction: 'outbound', senderKind: 'agent', senderUserId: 'u9', kind: 'location', body: 'Shop', attachments: [], status: 'queued', error: null, createdAt: new Date().toISOString() },
      names,
    );
    expect(isPartial(partial)).toBe(true);
    expect(needsFetch).toBe(true);
    const full = { ...partial, seq: 42, senderName: 'Chloe', content: { type: 'location' as const, latitude: 1, longitude: 2, name: 'Shop', address: null, mapUrl: 'https://x' } };
    const merged = mergeMessages([partial], [full]);
    expect(merged[0]).toMatchObject({ seq: 42, senderName: 'Chloe', content: { type: 'location' } });
    expect(mergeMessages(merged, [partial])[0]).toMatchObject({ seq: 42, senderName: 'Chloe' });
  });
});

describe('patchMessage', () => {
  it('updates status and error of a known message and ignores unknown ids', () => {
    const list = [msg('a', 1, 1, { status: 'queued' })];
    expect(patchMessage(list, { id: 'a', status: 'failed', error: 'Window closed' })[0]).toMatchObject({ status: 'failed', error: 'Window closed' });
    expect(patchMessage(list, { id: 'x', status: 'sent', error: null })).toBe(list);
    const read = [msg('a', 1, 1, { status: 'read' })];
    expect(patchMessage(read, { id: 'a', status: 'delivered', error: null })[0].status).toBe('read');
  });
});

describe('messageFromSummary', () => {
  it('names agents it knows and asks for the full message otherwise', () => {
    const names = senderNames([msg('a', 1, 1, { senderUserId: 'u1', senderName: 'Ana' })], { id: 'me', name: 'Ben' });
    const base = { conversationId: 'c1', direction: 'internal' as const, senderKind: 'agent' as const, kind: 'note', body: 'hi', attachments: [], status: 'sent', error: null, createdAt: new Date().toISOString() };
    expect(messageFromSummary({ ...base, id: '1', senderUserId: 'u1' }, names)).toMatchObject({ message: { senderName: 'Ana' }, needsFetch: false });
    expect(messageFromSummary({ ...base, id: '2', senderUserId: 'me' }, names)).toMatchObject({ message: { senderName: 'Ben' }, needsFetch: false });
    expect(messageFromSummary({ ...base, id: '3', senderUserId: 'u7' }, names).needsFetch).toBe(true);
  });
});

describe('patchMessage: an agent’s audio prepared for its channel', () => {
  it('replaces the recording with the sent file and its length', () => {
    const recording = { kind: 'audio' as const, url: '/api/files/0b9f4c7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', name: 'Voice message.webm', mimeType: 'audio/webm' };
    const sentFile = { kind: 'audio' as const, url: '/api/files/1b9f4c7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', name: 'Voice message.ogg', mimeType: 'audio/ogg', durationMs: 3200 };
    const list = [msg('a', 1, 1, { kind: 'audio', direction: 'outbound', status: 'sending', attachments: [recording] })];
    const [patched] = patchMessage(list, { id: 'a', status: 'sent', error: null, attachments: [sentFile] });
    expect(patched.status).toBe('sent');
    expect(patched.attachments).toEqual([sentFile]);
    expect(patched.content).toMatchObject({ type: 'media', items: [{ kind: 'audio', url: sentFile.url, name: 'Voice message.ogg', durationMs: 3200 }] });
    // A snapshot read before the send (still sending, the recording) does not bring the recording back.
    const stale = msg('a', 1, 1, { kind: 'audio', direction: 'outbound', status: 'sending', attachments: [recording] });
    expect(mergeMessages([patched], [stale])[0]).toMatchObject({ status: 'sent', attachments: [sentFile] });
    // The same files again change nothing.
    expect(patchMessage([patched], { id: 'a', status: 'sent', error: null, attachments: [sentFile] })[0]).toBe(patched);
  });
});
