/** Text that identifies a person: at least 3 characters, so "Al" cannot erase half a log. */
export function personalNeedles(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const s = v?.trim().toLowerCase();
    if (s && s.length >= 3) out.add(s);
  }
  return [...out];
}

/**
 * A copy of an audit row's data with every string that contains personal data replaced
 * by "[erased]"; `changed` says whether anything was.
 */
export function scrubPersonalData(data: unknown, needles: string[]): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const lower = v.toLowerCase();
      if (needles.some((n) => lower.includes(n))) {
        changed = true;
        return '[erased]';
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const value = walk(data);
  return { value, changed };
}
