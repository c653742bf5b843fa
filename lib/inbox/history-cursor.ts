// Keyset cursors for the history: a message's (created_at, seq), the order the history is
// read in. Opaque to clients ("<epoch ms>_<seq>"); a malformed one is refused, not guessed.

export type HistoryCursor = { createdAt: Date; seq: number };

export function encodeHistoryCursor(m: { createdAt: Date | string; seq: number }): string {
  const ms = typeof m.createdAt === 'string' ? Date.parse(m.createdAt) : m.createdAt.getTime();
  return `${ms}_${m.seq}`;
}

export function decodeHistoryCursor(cursor: string): HistoryCursor | null {
  const match = /^(\d{1,15})_(\d{1,18})$/.exec(cursor);
  if (!match) return null;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) return null;
  return { createdAt: new Date(Number(match[1])), seq };
}
