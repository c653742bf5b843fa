import { parseJson, rec, str } from '../shared/json';

/** destination: the bot's user id the events were sent to. */
export function lineAccountIds(rawBody: string): string[] {
  const parsed = parseJson(rawBody);
  const destination = parsed.ok ? str(rec(parsed.value)?.destination) : undefined;
  return destination ? [destination] : [];
}
