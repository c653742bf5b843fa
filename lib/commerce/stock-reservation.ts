import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { products, productVariants, type OrderItemComponent } from '@/db/schema';
import { UserError } from '@/lib/errors';
import { deriveSetStock, loadSetComponents } from './sets';

// Reserving stock for an order's lines, shared by "Create order" (agents) and the bot's
// checkout (lib/commerce/orders.ts). Every unit comes off with a conditional update
// (`stock >= n`), so stock never goes below zero: when two orders race for the last unit,
// the second waits on the row lock, re-checks, matches nothing and fails. A set reserves
// its components (quantity × sets ordered). All stock rows an order touches are updated in
// one fixed order (variants, then products, by id; the same order cancelling restocks in),
// so two orders never deadlock, even when a set and a product share a component.

export type ReserveRequest = { productId: string; variantId: string | null; quantity: number };

/** One order line as reserved: what order_items stores. */
export type ReservedLine = {
  productId: string;
  variantId: string | null;
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  /** A set line: its components per set (restocked from this when the order is cancelled). */
  components: OrderItemComponent[] | null;
};

/** Not enough stock for a line: the message names it ("Beach kit has only 1 left."). */
export class StockShortage extends UserError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'StockShortage';
  }
}

type Target = { key: string; table: 'variant' | 'product'; id: string; quantity: number; lines: number[] };

const targetKey = (table: Target['table'], id: string) => `${table === 'variant' ? 0 : 1}:${id}`;

function shortage(name: string, left: number) {
  return new StockShortage(left <= 0 ? `${name} is out of stock.` : `${name} has only ${left} left.`);
}

/**
 * Reserves every request or throws (UserError; StockShortage when stock is short). The
 * caller's transaction must roll back on a throw: earlier rows may already be reserved.
 */
// Long: merging, locking in one fixed order and reserving are one pass; the lock order is the point and reads best in one place.
export async function reserveStock(
  tx: Tx,
  workspaceId: string,
  requests: ReserveRequest[],
  options: { requireVisible: boolean },
): Promise<ReservedLine[]> {
  // The same product/variant twice is one line.
  const merged = new Map<string, ReserveRequest>();
  for (const r of requests) {
    const key = `${r.productId}:${r.variantId ?? ''}`;
    merged.set(key, { ...r, quantity: (merged.get(key)?.quantity ?? 0) + r.quantity });
  }
  const wanted = [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  const productRows = wanted.length
    ? await tx
        .select()
        .from(products)
        .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...new Set(wanted.map((w) => w.productId))])))
    : [];
  const setIds = productRows.filter((p) => p.kind === 'set').map((p) => p.id);
  const componentsBySet = await loadSetComponents(tx, { workspaceId }, setIds);

  const lines: ReservedLine[] = [];
  const targets = new Map<string, Target>();
  const demand = (table: Target['table'], id: string, quantity: number, line: number) => {
    const key = targetKey(table, id);
    const t = targets.get(key) ?? { key, table, id, quantity: 0, lines: [] };
    t.quantity += quantity;
    if (!t.lines.includes(line)) t.lines.push(line);
    targets.set(key, t);
  };

  for (const w of wanted) {
    const product = productRows.find((p) => p.id === w.productId);
    if (!product) throw new UserError('not_found', 'A product in this order no longer exists. Remove it and try again.');
    if (options.requireVisible && !product.visibleOnStore) throw new UserError('conflict', `${product.name} is hidden from the store, so it cannot be ordered.`);
    const index = lines.length;
    if (product.kind === 'set') {
      const components = componentsBySet.get(product.id) ?? [];
      if (w.variantId || components.length === 0) throw new UserError('conflict', `${product.name} cannot be ordered right now: the set has no products in it.`);
      for (const c of components) demand(c.variantId ? 'variant' : 'product', c.variantId ?? c.productId, c.quantity * w.quantity, index);
      lines.push({
        productId: product.id,
        variantId: null,
        sku: product.sku,
        name: product.name,
        quantity: w.quantity,
        unitPriceMinor: product.priceMinor,
        currency: product.currency,
        components: components.map(({ productId, variantId, sku, name, quantity }) => ({ productId, variantId, sku, name, quantity })),
      });
    } else if (w.variantId) {
      const [variant] = await tx
        .select()
        .from(productVariants)
        .where(and(eq(productVariants.id, w.variantId), eq(productVariants.productId, product.id), eq(productVariants.workspaceId, workspaceId)));
      if (!variant) throw new UserError('not_found', `This option of ${product.name} no longer exists. Remove it and try again.`);
      demand('variant', variant.id, w.quantity, index);
      lines.push({
        productId: product.id,
        variantId: variant.id,
        sku: variant.sku,
        name: `${product.name} (${variant.name})`,
        quantity: w.quantity,
        unitPriceMinor: variant.priceMinor ?? product.priceMinor,
        currency: product.currency,
        components: null,
      });
    } else {
      const [hasVariants] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, product.id)).limit(1);
      if (hasVariants) throw new UserError('invalid', `Choose an option of ${product.name}.`);
      demand('product', product.id, w.quantity, index);
      lines.push({ productId: product.id, variantId: null, sku: product.sku, name: product.name, quantity: w.quantity, unitPriceMinor: product.priceMinor, currency: product.currency, components: null });
    }
  }

  const reserved = new Map<string, number>();
  for (const t of [...targets.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const [ok] =
      t.table === 'variant'
        ? await tx
            .update(productVariants)
            .set({ stock: sql`${productVariants.stock} - ${t.quantity}` })
            .where(and(eq(productVariants.id, t.id), eq(productVariants.workspaceId, workspaceId), gte(productVariants.stock, t.quantity)))
            .returning({ id: productVariants.id })
        : await tx
            .update(products)
            .set({ stock: sql`${products.stock} - ${t.quantity}`, updatedAt: new Date() })
            .where(and(eq(products.id, t.id), eq(products.workspaceId, workspaceId), gte(products.stock, t.quantity)))
            .returning({ id: products.id });
    if (!ok) throw await shortageFor(tx, workspaceId, t, lines, reserved);
    reserved.set(t.key, t.quantity);
  }
  return lines;
}

/** Units of a stock row as they were before this order took any. */
async function stockBefore(tx: Tx, workspaceId: string, table: Target['table'], id: string, reserved: Map<string, number>) {
  const [row] =
    table === 'variant'
      ? await tx.select({ stock: productVariants.stock }).from(productVariants).where(and(eq(productVariants.id, id), eq(productVariants.workspaceId, workspaceId)))
      : await tx.select({ stock: products.stock }).from(products).where(and(eq(products.id, id), eq(products.workspaceId, workspaceId)));
  return (row?.stock ?? 0) + (reserved.get(targetKey(table, id)) ?? 0);
}

/** The clearest message for a stock row that came up short: the line (or lines) it belongs to. */
async function shortageFor(tx: Tx, workspaceId: string, target: Target, lines: ReservedLine[], reserved: Map<string, number>) {
  const owners = target.lines.map((i) => lines[i]);
  if (owners.length === 1) {
    const line = owners[0];
    if (!line.components) return shortage(line.name, await stockBefore(tx, workspaceId, target.table, target.id, reserved));
    const stocks = [];
    for (const c of line.components) {
      stocks.push({ stock: await stockBefore(tx, workspaceId, c.variantId ? 'variant' : 'product', c.variantId ?? c.productId, reserved), quantity: c.quantity });
    }
    return shortage(line.name, deriveSetStock(stocks));
  }
  // A component the order takes for several lines (a set and the product on its own).
  const left = await stockBefore(tx, workspaceId, target.table, target.id, reserved);
  const component = owners.flatMap((l) => l.components ?? []).find((c) => (c.variantId ?? c.productId) === target.id);
  const name = component?.name ?? owners.find((l) => !l.components)?.name ?? 'A product';
  const named = [...owners.filter((l) => l.components), ...owners.filter((l) => !l.components)].map((l) => l.name);
  return new StockShortage(`${name} has only ${left} left, not enough for ${named.join(' and ')} together.`);
}
