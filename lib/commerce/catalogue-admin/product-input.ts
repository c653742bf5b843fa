import { z } from 'zod';
import { productKinds, productVariants, products } from '@/db/schema';
import { formBoolean } from '@/lib/forms/fields';
import { MAX_SET_ITEMS, setItemInput } from '../sets';
import { currencySchema, hashtagsSchema, imageLink, jsonOr, optionalPriceSchema, priceSchema, skuSchema, stockSchema } from './fields';

// What the product editor sends (and each CSV row is checked as), and the rows it becomes.

export const MAX_IMAGES = 8;
export const MAX_VARIANTS = 50;

export const variantInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  sku: skuSchema,
  name: z.string().trim().min(1, 'Give each variant a name.').max(100, 'Variant names can be at most 100 characters.'),
  price: optionalPriceSchema.optional().default(''),
  stock: stockSchema,
});

export const productInput = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  name: z.string().trim().min(1, 'Give the product a name.').max(200, 'Names can be at most 200 characters.'),
  sku: skuSchema,
  description: z.string().trim().max(1000, 'The short description can be at most 1,000 characters.').optional().default(''),
  hashtags: hashtagsSchema,
  price: priceSchema,
  currency: currencySchema,
  stock: stockSchema,
  visibleOnStore: formBoolean,
  images: jsonOr(z.array(imageLink).max(MAX_IMAGES, `At most ${MAX_IMAGES} images.`), 'Invalid image list.').optional().default([]),
  imageUrl: z.union([z.literal(''), imageLink]).optional(),
  imageFile: z.instanceof(File).optional(),
  variants: jsonOr(z.array(variantInput).max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants.`), 'Invalid variant list.').optional().default([]),
  /** 'set': a bundle of other products (lib/commerce/sets.ts); fixed once created. */
  kind: z.enum(productKinds, 'Choose Product or Set.').optional().default('product'),
  setItems: jsonOr(z.array(setItemInput).max(MAX_SET_ITEMS, `A set can hold at most ${MAX_SET_ITEMS} different products.`), 'Invalid component list.').optional().default([]),
});
export type ProductInput = z.infer<typeof productInput>;

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof productVariants.$inferSelect;
