import { arr, parseJson, rec, str } from '../shared/json';

/** value.metadata.phone_number_id: the number the events were sent to. */
export function whatsAppAccountIds(rawBody: string): string[] {
  const parsed = parseJson(rawBody);
  if (!parsed.ok) return [];
  const ids = new Set<string>();
  for (const entry of arr(rec(parsed.value)?.entry)) {
    for (const change of arr(rec(entry)?.changes)) {
      const id = str(rec(rec(rec(change)?.value)?.metadata)?.phone_number_id);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
