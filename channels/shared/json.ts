// Webhook bodies are untrusted JSON: these readers return undefined instead of throwing,
// so one odd field never costs the rest of a batch.

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rec(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string field, without NUL characters: PostgreSQL's text and jsonb refuse them. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** Numbers, or numeric strings (WhatsApp sends timestamps and coordinates as either). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `Malformed JSON: ${(error as Error).message}` };
  }
}

export function fromUnixSeconds(value: unknown): Date | undefined {
  const n = num(value);
  return n === undefined ? undefined : new Date(n * 1000);
}

export function fromMillis(value: unknown): Date | undefined {
  const n = num(value);
  return n === undefined ? undefined : new Date(n);
}
