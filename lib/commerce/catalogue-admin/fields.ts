import { z } from 'zod';
import { minorPerMajor } from '../money';

// The catalogue's form values, checked the same way by the editors and the CSV import:
// SKUs, prices (major units in, minor units stored), stock, currencies, hashtags, image links.

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
export const skuSchema = z
  .string()
  .trim()
  .regex(SKU_PATTERN, 'A SKU is 1–64 letters, digits, and . _ - / (no spaces), starting with a letter or digit.');
export const priceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter a price like 12 or 12.50 (no currency sign).');
export const optionalPriceSchema = z
  .string()
  .trim()
  .regex(/^(\d{1,9}(\.\d{1,3})?)?$/, 'Enter a price like 12 or 12.50, or leave it empty for the product’s price.');
export const stockSchema = z.coerce
  .number({ error: 'Stock must be a whole number.' })
  .int('Stock must be a whole number.')
  .min(0, 'Stock cannot be negative.')
  .max(1_000_000_000, 'Stock is too large.');
export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, like USD or THB.'))
  .refine((c) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: c });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown currency code.');
// Any web address will do: the picture is fetched (through the outside-URL filter) and
// served by Baton from then on, so an http:// source is never shown to anyone.
export const imageLink = z
  .string()
  .trim()
  .max(2000, 'Image links can be at most 2,000 characters.')
  .refine((s) => {
    try {
      return ['https:', 'http:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'Image links must be full web addresses (https://…).')
  // Normalized (spaces become %20), so links never contain whitespace (the CSV separates them by spaces).
  .transform((s) => new URL(s).href);

/** JSON text (from a hidden form input) or the value itself. */
export function jsonOr<T extends z.ZodType>(schema: T, message: string) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return [];
    try {
      return JSON.parse(v);
    } catch {
      return Symbol(message);
    }
  }, schema);
}

/** "#summer sale, #new" → ["summer", "sale", "new"]: lower case, unique, no '#'. */
export function parseHashtags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

export const hashtagsSchema = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(' ') : (v ?? '')),
  z
    .string()
    .transform(parseHashtags)
    .pipe(
      z
        .array(z.string().regex(/^[\p{L}\p{N}_-]{1,50}$/u, 'Hashtags are letters, digits, _ and - (up to 50 each).'))
        .max(30, 'At most 30 hashtags.'),
    ),
);

/** A major-unit price ("12.50") in minor units for the currency, or an error message. */
export function toMinor(price: string, currency: string): number | string {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  const [whole, frac = ''] = price.split('.');
  if (frac.length > decimals) return decimals === 0 ? `${currency} prices have no decimals.` : `${currency} prices have at most ${decimals} decimals.`;
  const minor = Number(whole) * per + Number((frac + '000').slice(0, decimals) || '0');
  if (!Number.isSafeInteger(minor) || minor > 2_147_483_647) return 'The price is too large.';
  return minor;
}

/** Minor units → the plain major-unit text a form or CSV shows ("12.50", "1290"). */
export function fromMinor(minor: number, currency: string): string {
  const per = minorPerMajor(currency);
  const decimals = Math.round(Math.log10(per));
  if (decimals === 0) return String(minor);
  const whole = Math.floor(minor / per);
  const frac = String(minor % per).padStart(decimals, '0');
  return `${whole}.${frac}`;
}

/** Which item a delete names. */
export const deleteInput = z.object({ id: z.uuid('Unknown item') });
