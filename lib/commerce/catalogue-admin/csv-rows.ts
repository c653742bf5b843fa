import type { ProductKind } from '@/db/schema';
import { parseCsv, restoreFormula } from '../csv';
import { MAX_SET_ITEMS, parseSetItemsCell } from '../sets';
import { CSV_COLUMNS, CSV_MAX_BYTES, CSV_MAX_ROWS, OPTIONAL_COLUMNS, type Column, type CsvRowError } from './csv-format';
import { fromMinor } from './fields';
import { productInput, variantInput } from './product-input';
import { resolveProductValues } from './product-values';

// Reading a products CSV (format: csv-format.ts) and checking each row on its own: what can
// be known without looking at the shop. csv-shop-checks.ts checks the rest.

export type PendingProduct = {
  line: number;
  kind: ProductKind;
  values: ReturnType<typeof resolveProductValues>['product'];
  variantLines: { line: number; sku: string; name: string; price: string; stock: string }[];
  /** A set's components by SKU, resolved to ids once everything in the file is written. */
  setItems: { sku: string; quantity: number }[];
};

/** A product or set row with its variant rows, as it will be written. */
export type FileProduct = { pending: PendingProduct; resolved: ReturnType<typeof resolveProductValues> };

export type CheckedFile = {
  errors: CsvRowError[];
  /** Product and set rows without errors, by lower-cased SKU. */
  pending: Map<string, PendingProduct>;
  /** Every SKU a row of the file names (lower-cased), with its line. */
  skuLines: Map<string, number>;
  products: FileProduct[];
};

type VariantRowInFile = { line: number; parent: string; sku: string; name: string; price: string; stock: string };
type Cell = (column: Column) => string;

const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

const zodMessages = (issues: { path: PropertyKey[]; message: string }[]) => issues.map((issue) => `${String(issue.path[0] ?? 'row')}: ${issue.message}`);

/** A set row's set_items cell: SKU*quantity pairs, no SKU twice, not the set itself. */
function checkSetItems(cell: Cell, sku: string, messages: string[]): PendingProduct['setItems'] {
  // A set's stock is derived from its products; a number here would be misleading.
  if (cell('stock') !== '' && cell('stock') !== '0') messages.push('stock: a set’s stock comes from its products; leave it empty.');
  const items = parseSetItemsCell(cell('set_items'));
  if (typeof items === 'string') messages.push(`set_items: ${items}`);
  else if (items.length === 0) messages.push('set_items: list the set’s products as SKU*quantity, separated by ";".');
  else if (items.length > MAX_SET_ITEMS) messages.push(`set_items: a set can hold at most ${MAX_SET_ITEMS} different products.`);
  else {
    const dup = items.find((item, i) => items.findIndex((o) => o.sku.toLowerCase() === item.sku.toLowerCase()) !== i);
    if (dup) messages.push(`set_items: ${dup.sku} is listed twice; give it one quantity.`);
    else if (items.some((item) => item.sku.toLowerCase() === sku.toLowerCase())) messages.push('set_items: a set cannot contain itself.');
    return items;
  }
  return [];
}

function checkProductRow(file: CheckedFile, cell: Cell, line: number, sku: string, isSet: boolean, messages: string[]) {
  const setItems = isSet ? checkSetItems(cell, sku, messages) : [];
  const visible = cell('visible_on_store').toLowerCase();
  if (!YES.has(visible) && !NO.has(visible)) messages.push('visible_on_store must be yes or no.');
  const result = productInput.safeParse({
    sku,
    name: cell('name'),
    description: cell('description'),
    hashtags: cell('hashtags'),
    price: cell('price'),
    currency: cell('currency'),
    stock: isSet ? '0' : cell('stock') === '' ? 'x' : cell('stock'),
    visibleOnStore: YES.has(visible),
    images: cell('images').split(/\s+/).filter(Boolean),
    variants: [],
  });
  if (!result.success) return void messages.push(...zodMessages(result.error.issues));
  const resolved = resolveProductValues(result.data);
  for (const list of Object.values(resolved.fieldErrors)) messages.push(...list.map((m) => `price: ${m}`));
  if (messages.length === 0) file.pending.set(sku.toLowerCase(), { line, kind: isSet ? 'set' : 'product', values: resolved.product, variantLines: [], setItems });
}

function checkVariantRow(cell: Cell, line: number, sku: string, messages: string[], variants: VariantRowInFile[]) {
  const parent = cell('parent_sku');
  if (!parent) messages.push('parent_sku: a variant row names its product’s SKU.');
  const result = variantInput.safeParse({ sku, name: cell('name'), price: cell('price'), stock: cell('stock') === '' ? 'x' : cell('stock') });
  if (!result.success) messages.push(...zodMessages(result.error.issues));
  else if (parent) variants.push({ line, parent, sku: result.data.sku, name: result.data.name, price: result.data.price, stock: String(result.data.stock) });
}

function checkRecord(file: CheckedFile, cell: Cell, line: number, variants: VariantRowInFile[]) {
  const messages: string[] = [];
  const type = cell('type').toLowerCase();
  const sku = cell('sku');
  if (sku) {
    const seen = file.skuLines.get(sku.toLowerCase());
    if (seen) messages.push(`The SKU ${sku} is already on line ${seen}.`);
    else file.skuLines.set(sku.toLowerCase(), line);
  }
  if (type !== 'set' && cell('set_items')) messages.push('set_items: only set rows list products.');
  if (type === 'product' || type === 'set') checkProductRow(file, cell, line, sku, type === 'set', messages);
  else if (type === 'variant') checkVariantRow(cell, line, sku, messages, variants);
  else messages.push('type must be product, variant or set.');
  if (messages.length) file.errors.push({ line, sku: sku || undefined, messages });
}

/** Puts each variant row under its product row; a set or a missing product is an error. */
function attachVariants(file: CheckedFile, variants: VariantRowInFile[]) {
  for (const v of variants) {
    const parent = file.pending.get(v.parent.toLowerCase());
    if (!parent) {
      if (!file.errors.some((e) => e.line === v.line) && !file.skuLines.has(v.parent.toLowerCase())) {
        file.errors.push({ line: v.line, sku: v.sku, messages: [`parent_sku: there is no product row with the SKU ${v.parent} in this file.`] });
      }
      continue;
    }
    if (parent.kind === 'set') {
      file.errors.push({ line: v.line, sku: v.sku, messages: [`parent_sku: ${v.parent} is a set; sets have no variants.`] });
      continue;
    }
    parent.variantLines.push({ line: v.line, sku: v.sku, name: v.name, price: v.price, stock: v.stock });
  }
}

/** Each product with its variants' prices in its currency, as it will be written. */
function resolveProducts(file: CheckedFile): FileProduct[] {
  return [...file.pending.values()].map((p) => {
    const resolved = resolveProductValues({
      ...p.values,
      price: fromMinor(p.values.priceMinor, p.values.currency),
      description: p.values.description ?? '',
      variants: p.variantLines.map((v) => ({ sku: v.sku, name: v.name, price: v.price, stock: Number(v.stock), id: undefined })),
    });
    for (const [key, list] of Object.entries(resolved.fieldErrors)) {
      const index = Number(key.split('.')[1]);
      const v = p.variantLines[index];
      file.errors.push({ line: v?.line ?? p.line, sku: v?.sku, messages: list });
    }
    return { pending: p, resolved };
  });
}

/**
 * Reads the file and checks every row. A file that cannot be read at all (too large, not
 * CSV, columns missing) is refused with one message; otherwise the rows' errors are listed.
 */
export function readProductsCsv(text: string): { ok: false; message: string; errors: CsvRowError[] } | { ok: true; file: CheckedFile } {
  const fail = (message: string, errors: CsvRowError[] = []) => ({ ok: false as const, message, errors });
  if (Buffer.byteLength(text, 'utf8') > CSV_MAX_BYTES) return fail('The file is larger than 5 MB. Split it into smaller files.');
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(`Nothing was imported: the file is not valid CSV (line ${parsed.line}: ${parsed.error})`, [{ line: parsed.line, messages: [parsed.error] }]);
  const [header, ...records] = parsed.rows;
  if (!header) return fail('The file is empty.');
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !names.includes(c));
  if (missing.length) return fail(`Nothing was imported: the header is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, [{ line: 1, messages: [`Missing columns: ${missing.join(', ')}`] }]);
  if (records.length > CSV_MAX_ROWS) return fail(`The file has more than ${CSV_MAX_ROWS.toLocaleString('en-US')} rows. Split it into smaller files.`);

  const file: CheckedFile = { errors: [], pending: new Map(), skuLines: new Map(), products: [] };
  const variants: VariantRowInFile[] = [];
  records.forEach((record, index) => {
    // Line numbers of the file (the header is line 1; a cell with line breaks spans several).
    const line = parsed.lines[index + 1];
    const cell: Cell = (c) => {
      const i = names.indexOf(c);
      return i === -1 ? '' : restoreFormula((record[i] ?? '').trim());
    };
    checkRecord(file, cell, line, variants);
  });
  attachVariants(file, variants);
  file.products = resolveProducts(file);
  return { ok: true, file };
}
