import { arr, parseJson, rec, str } from '../shared/json';

/** entry[].id is the page the events are addressed to. */
export function messengerAccountIds(rawBody: string): string[] {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return [];
  const ids = new Set<string>();
  for (const entry of arr(rec(parsed.value)?.entry)) {
    const id = str(rec(entry)?.id);
    if (id) ids.add(id);
  }
  return [...ids];
}
