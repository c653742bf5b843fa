import type { Attachment, MessageKind } from '@/db/schema/messages';
import { messageContent, type MessageExtras } from '@/lib/inbox/history-content';
import type { HistoryMessage } from '@/lib/inbox/history';

// How the open conversation's messages are kept current in the browser: the server's
// snapshot (first render, router refreshes, older pages) and realtime events (appends and
// status patches) are merged by message id, so neither order nor repeats matter.

/** What `message.created` carries (lib/realtime/payloads.ts messageSummary). */
export type MessageSummary = {
  id: string;
  conversationId: string;
  direction: HistoryMessage['direction'];
  senderKind: HistoryMessage['senderKind'];
  senderUserId: string | null;
  kind: string;
  body: string | null;
  attachments: Attachment[];
  status: string;
  error: string | null;
  createdAt: string;
  extras?: MessageExtras;
};

export type MessagePatch = {
  id: string;
  status: string;
  error: string | null;
  /** Instagram: the message's extras as they are now (a reaction set or taken back, unsent). */
  extras?: MessageExtras | null;
  /** An agent's audio: the file prepared for the channel (converted, measured) once it is sent. */
  attachments?: Attachment[];
};

/** Delivery only moves forward along this chain; `failed` (and a retry back to `queued`) are judged by arrival. */
const PROGRESS: Record<string, number> = { queued: 1, sending: 2, sent: 3, delivered: 4, read: 5 };

export function compareMessages(a: Pick<HistoryMessage, 'createdAt' | 'seq'>, b: Pick<HistoryMessage, 'createdAt' | 'seq'>): number {
  const t = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return t !== 0 ? t : a.seq - b.seq;
}

/** The later of two views of one message's delivery: forward progress is never undone by a stale copy. */
function laterStatus(current: HistoryMessage, incoming: Pick<HistoryMessage, 'status' | 'error'>): Pick<HistoryMessage, 'status' | 'error'> {
  const a = PROGRESS[current.status];
  const b = PROGRESS[incoming.status];
  if (a !== undefined && b !== undefined && a > b) return { status: current.status, error: current.error };
  return { status: incoming.status, error: incoming.error };
}

/**
 * Merges messages into a list (by id), sorted oldest first. A full message replaces a
 * partial one (from an event); a stale snapshot cannot move a delivery status backwards.
 */
export function mergeMessages(current: HistoryMessage[], incoming: HistoryMessage[]): HistoryMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) {
    const existing = byId.get(m.id);
    if (!existing) {
      byId.set(m.id, m);
      continue;
    }
    const partialIncoming = isPartial(m);
    const base = partialIncoming && !isPartial(existing) ? existing : m;
    // A copy read before the send moved on (a snapshot older than the last patch) keeps the
    // files the patch brought too (an agent's audio, replaced by the file the channel got).
    const stale = PROGRESS[existing.status] !== undefined && PROGRESS[m.status] !== undefined && PROGRESS[existing.status] > PROGRESS[m.status];
    const files = stale ? { attachments: existing.attachments, content: existing.content } : {};
    byId.set(m.id, { ...base, ...files, ...laterStatus(existing, m) });
  }
  return [...byId.values()].sort(compareMessages);
}

/** Applies a `message.updated` patch; unknown ids are ignored (not in the loaded pages). */
export function patchMessage(current: HistoryMessage[], patch: MessagePatch): HistoryMessage[] {
  let changed = false;
  const next = current.map((m) => {
    if (m.id !== patch.id) return m;
    // A patch is newer than whatever we hold, except that a stale failure cannot undo "read".
    const status = PROGRESS[m.status] !== undefined && PROGRESS[patch.status] !== undefined && PROGRESS[m.status] > PROGRESS[patch.status] ? m.status : patch.status;
    const extrasChanged = patch.extras !== undefined && JSON.stringify(patch.extras ?? null) !== JSON.stringify(m.extras ?? null);
    const attachmentsChanged = patch.attachments !== undefined && JSON.stringify(patch.attachments) !== JSON.stringify(m.attachments);
    if (status === m.status && patch.error === m.error && !extrasChanged && !attachmentsChanged) return m;
    changed = true;
    const withFiles =
      attachmentsChanged && patch.attachments
        ? { attachments: patch.attachments, content: messageContent({ kind: m.kind as MessageKind, body: m.body, attachments: patch.attachments, payload: null }) }
        : {};
    const next = { ...m, ...withFiles, status, error: status === patch.status ? patch.error : m.error };
    if (!extrasChanged) return next;
    const { extras: _old, ...rest } = next;
    return patch.extras ? { ...rest, extras: patch.extras } : rest;
  });
  return changed ? next : current;
}

const PARTIAL_SEQ = Number.MAX_SAFE_INTEGER;

/** A message built from an event; its seq is unknown, so it sorts after others of the same instant. */
export function isPartial(m: Pick<HistoryMessage, 'seq'>): boolean {
  return m.seq === PARTIAL_SEQ;
}

/** Kinds whose content lives in the payload, which events do not carry. */
const PAYLOAD_KINDS = new Set(['location', 'contact', 'product', 'article', 'template', 'unsupported']);

/**
 * A message from a realtime summary, shown at once. `needsFetch` says whether the full
 * message must be loaded (payload-only content, a truncated body, an agent we cannot name).
 */
export function messageFromSummary(s: MessageSummary, knownNames: Map<string, string>): { message: HistoryMessage; needsFetch: boolean } {
  const senderName = s.senderUserId ? (knownNames.get(s.senderUserId) ?? null) : null;
  const message: HistoryMessage = {
    id: s.id,
    conversationId: s.conversationId,
    seq: PARTIAL_SEQ,
    direction: s.direction,
    senderKind: s.senderKind,
    senderUserId: s.senderUserId,
    senderName,
    kind: s.kind,
    body: s.body,
    attachments: s.attachments ?? [],
    content: messageContent({ kind: s.kind as never, body: s.body, attachments: s.attachments ?? [], payload: null }),
    ...(s.extras ? { extras: s.extras } : {}),
    status: s.status,
    error: s.error,
    createdAt: s.createdAt,
  };
  const truncated = Boolean(s.body && s.body.length > 4000);
  const needsFetch = PAYLOAD_KINDS.has(s.kind) || truncated || (Boolean(s.senderUserId) && senderName === null);
  return { message, needsFetch };
}

/** Who wrote what, from the messages we already have (agents' names for new events). */
export function senderNames(list: HistoryMessage[], me: { id: string; name: string }): Map<string, string> {
  const names = new Map<string, string>([[me.id, me.name]]);
  for (const m of list) if (m.senderUserId && m.senderName) names.set(m.senderUserId, m.senderName);
  return names;
}

export function isMessageSummary(v: unknown): v is MessageSummary {
  const m = v as Partial<MessageSummary> | null;
  return Boolean(m && typeof m.id === 'string' && typeof m.conversationId === 'string' && typeof m.createdAt === 'string' && typeof m.kind === 'string');
}
