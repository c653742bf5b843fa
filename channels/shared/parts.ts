import type { SendResult } from '../types';

/** One platform request of a message the platform cannot take in a single call. */
export type Part<T> = { body: T; label: string };

/**
 * Sends parts in order. If the first fails nothing went out, so the failure is returned
 * and a retry is safe. If a later one fails the customer already has the main part:
 * report success with a warning, because retrying would send the main part twice.
 */
export async function sendParts<T>(parts: Part<T>[], sendOne: (body: T, index: number) => Promise<SendResult>): Promise<SendResult> {
  const ids: string[] = [];
  for (const [index, part] of parts.entries()) {
    const result = await sendOne(part.body, index);
    if (!result.ok) {
      if (index === 0) return result;
      return { ok: true, externalId: ids[0], externalIds: ids, warning: `The ${part.label} was not sent: ${result.error}` };
    }
    ids.push(result.externalId);
  }
  return ids.length > 1 ? { ok: true, externalId: ids[0], externalIds: ids } : { ok: true, externalId: ids[0] };
}
