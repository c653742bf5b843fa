'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { CSV_MAX_BYTES } from '@/lib/commerce/catalogue-admin/csv-format';
import { importProductsCsv } from '@/lib/commerce/catalogue-admin/csv-import';
import { deleteInput } from '@/lib/commerce/catalogue-admin/fields';
import { productInput } from '@/lib/commerce/catalogue-admin/product-input';
import { deleteProduct, saveProduct } from '@/lib/commerce/catalogue-admin/products';
import { componentSearchInput, searchComponentOptions } from '@/lib/commerce/sets';
import { UserError } from '@/lib/errors';
import { publicOrigin } from '@/lib/http/public-origin';

const refresh = () => revalidatePath('/w/[slug]/settings/products', 'layout');

export const saveProductAction = workspaceAction({ input: productInput, role: 'admin' }, async (input, ctx) => {
  const product = await saveProduct(getDb(), ctx, input, { origin: publicOrigin });
  refresh();
  return { id: product.id, sku: product.sku, name: product.name };
});

/** The set editor's component picker: this workspace's products and their options. */
export const searchSetComponentsAction = workspaceAction({ input: componentSearchInput, role: 'admin' }, async (input, ctx) => searchComponentOptions(getDb(), ctx, input));

export const deleteProductAction = workspaceAction({ input: deleteInput, role: 'admin' }, async (input, ctx) => {
  const result = await deleteProduct(getDb(), ctx, input);
  refresh();
  return result;
});

const importInput = z.object({
  file: z.instanceof(File, { message: 'Choose a CSV file to import.' }).refine((f) => f.size > 0, 'The file is empty.').refine((f) => f.size <= CSV_MAX_BYTES, 'The file is larger than 5 MB.'),
});

/**
 * All or nothing: when any row is wrong nothing is imported, and the errors come back as
 * `fieldErrors` keyed "line 7" (with the SKU when the row has one).
 */
export const importProductsAction = workspaceAction({ input: importInput, role: 'admin' }, async (input, ctx) => {
  const bytes = Buffer.from(await input.file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError('invalid', 'The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.', { file: ['The file is not UTF-8 text.'] });
  }
  const result = await importProductsCsv(getDb(), ctx, text, { origin: publicOrigin });
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const e of result.errors) (fieldErrors[`line ${e.line}`] ??= []).push(...e.messages.map((m) => (e.sku ? `${e.sku}: ${m}` : m)));
    throw new UserError('invalid', result.message, fieldErrors);
  }
  refresh();
  return { created: result.created, updated: result.updated, variants: result.variants };
});
