// Products as CSV (Settings → Products → Export / Import). The format, one product per
// "product" row followed by one "variant" row per variant, and one "set" row per set:
//
//   type,sku,parent_sku,name,description,hashtags,price,currency,stock,images,visible_on_store,set_items
//   product,TEE-1,,Cotton tee,"Soft, 100% cotton",#tee #summer,12.50,USD,10,https://…/a.jpg https://…/b.jpg,yes,
//   variant,TEE-1-S,TEE-1,Small,,,,,4,,,
//   variant,TEE-1-L,TEE-1,Large,,,14.00,,6,,,
//   set,BEACH,,Beach kit,,#summer,30.00,USD,,,yes,TEE-1-S*1;MUG*2
//
// - set_items (set rows only): the set's products as SKU*quantity separated by ";" — a
//   variant's SKU for one option of a product that has options. A set row has no stock
//   (it is derived from the components) and no variant rows. Components may be products
//   of the file or already in the shop, never sets.
// - price is in major units with a dot ("12.50", "1290" for THB without satang in use…);
//   a variant's empty price means "the product's price"; a variant's currency is its product's.
// - hashtags are separated by spaces ("#" optional); images are web addresses separated by spaces (fetched into Baton's file store on import).
// - visible_on_store: yes / no (also true/false, 1/0).
// - Import creates or updates products by SKU; a product's variants become exactly the
//   variant rows listed under its SKU (others are removed). Products not in the file are
//   left alone. Every row is checked first: if any row has an error nothing is imported
//   and each error is reported with its line number.
// - Export writes UTF-8 with a BOM (spreadsheets then read it as UTF-8); cells that a
//   spreadsheet would run as a formula (= + - @) are prefixed with an apostrophe, which
//   import removes again. Columns may come in any order; unknown columns are ignored.

export const CSV_COLUMNS = ['type', 'sku', 'parent_sku', 'name', 'description', 'hashtags', 'price', 'currency', 'stock', 'images', 'visible_on_store', 'set_items'] as const;
export const OPTIONAL_COLUMNS: readonly Column[] = ['description', 'hashtags', 'images', 'visible_on_store', 'parent_sku', 'set_items'];
export type Column = (typeof CSV_COLUMNS)[number];

export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 10_000;

export type CsvRowError = { line: number; sku?: string; messages: string[] };
export type CsvImportResult =
  | { ok: true; created: number; updated: number; variants: number }
  | { ok: false; message: string; errors: CsvRowError[] };
