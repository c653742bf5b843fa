// The rules about sets that need no database, shared by the server and the set editor in
// the browser (lib/commerce/sets.ts re-exports them).

/** How many whole sets the components allow: the scarcest component decides; no component, none. */
export function deriveSetStock(components: { stock: number; quantity: number }[]): number {
  if (components.length === 0) return 0;
  return Math.min(...components.map((c) => (c.quantity > 0 ? Math.floor(Math.max(0, c.stock) / c.quantity) : 0)));
}

// ---------------------------------------------------------------- CSV cell

/** "TEE-1-M*2; MUG" → [{ sku: 'TEE-1-M', quantity: 2 }, { sku: 'MUG', quantity: 1 }], or an error message. */
export function parseSetItemsCell(text: string): { sku: string; quantity: number }[] | string {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const items: { sku: string; quantity: number }[] = [];
  for (const part of parts) {
    const match = /^(.+?)\s*(?:\*\s*(\d+))?$/.exec(part);
    const sku = match?.[1].trim() ?? '';
    const quantity = match?.[2] === undefined ? 1 : Number(match[2]);
    if (!sku || /[\s*]/.test(sku)) return `“${part}” is not SKU*quantity (e.g. TEE-1-M*2).`;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) return `The quantity of ${sku} must be a whole number from 1 to 999.`;
    items.push({ sku, quantity });
  }
  return items;
}

export function formatSetItemsCell(items: { sku: string; quantity: number }[]): string {
  return items.map((i) => `${i.sku}*${i.quantity}`).join(';');
}

/** "2 × Straw sun hat, Canvas tote": what a set holds, for cards and lists. */
export function describeComponents(components: { name: string; quantity: number }[]): string {
  return components.map((c) => (c.quantity > 1 ? `${c.quantity} × ${c.name}` : c.name)).join(', ');
}

/**
 * A set's card text: what it holds first, then its own description (channels cut long card
 * text at the end, so the contents survive).
 */
export function setCardDescription(components: { name: string; quantity: number }[], description: string | null): string | null {
  const includes = components.length ? `Includes: ${describeComponents(components)}.` : '';
  return [includes, description].filter(Boolean).join(' ') || null;
}

/** "the set Beach kit" / "the sets A, B and C". */
export function namesOfSets(names: string[]): string {
  if (names.length === 1) return `the set ${names[0]}`;
  return `the sets ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
