import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import { writeCsv } from '../csv';
import { formatSetItemsCell, loadSetComponents } from '../sets';
import { CSV_COLUMNS } from './csv-format';
import { fromMinor } from './fields';
import type { VariantRow } from './product-input';

/** Every product of the workspace as CSV, in the format of csv-format.ts. */
export async function exportProductsCsv(db: DbOrTx, workspaceId: string): Promise<string> {
  const rows = await db.select().from(products).where(eq(products.workspaceId, workspaceId)).orderBy(asc(products.sku));
  const variants = rows.length
    ? await db
        .select()
        .from(productVariants)
        .where(inArray(productVariants.productId, rows.map((r) => r.id)))
        .orderBy(asc(productVariants.position), asc(productVariants.sku))
    : [];
  const byProduct = new Map<string, VariantRow[]>();
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  const components = await loadSetComponents(db, { workspaceId }, rows.filter((r) => r.kind === 'set').map((r) => r.id));
  const out: string[][] = [[...CSV_COLUMNS]];
  for (const p of rows) {
    const isSet = p.kind === 'set';
    out.push([
      p.kind,
      p.sku,
      '',
      p.name,
      p.description ?? '',
      p.hashtags.map((h) => `#${h}`).join(' '),
      fromMinor(p.priceMinor, p.currency),
      p.currency,
      isSet ? '' : String(p.stock),
      p.images.join(' '),
      p.visibleOnStore ? 'yes' : 'no',
      isSet ? formatSetItemsCell(components.get(p.id) ?? []) : '',
    ]);
    for (const v of byProduct.get(p.id) ?? []) {
      out.push(['variant', v.sku, p.sku, v.name, '', '', v.priceMinor === null ? '' : fromMinor(v.priceMinor, p.currency), '', String(v.stock), '', '', '']);
    }
  }
  return writeCsv(out, { bom: true });
}
