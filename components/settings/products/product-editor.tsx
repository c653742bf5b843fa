'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { FieldError, FormStatus, SecondaryButton, SubmitButton, TextField, inputClass, useActionForm } from '@/components/ui/form-kit';
import { SetBadge } from '@/components/ui/set-badge';
import type { ProductKind } from '@/db/schema';
import { saveProductAction } from '@/app/w/[slug]/settings/products/actions';
import { shownUrl } from '@/lib/files/file-links';
import { SetComponentsField, type EditableComponent } from './set-components-field';

export type EditableProduct = {
  id: string;
  name: string;
  sku: string;
  description: string;
  hashtags: string;
  price: string;
  currency: string;
  stock: number;
  visibleOnStore: boolean;
  images: string[];
  variants: EditableVariant[];
  kind: ProductKind;
  setItems: EditableComponent[];
};
type EditableVariant = { id?: string; key: string; sku: string; name: string; price: string; stock: string };

let nextKey = 0;
const newKey = () => `v${++nextKey}`;

/**
 * Creates a product or a set, or edits `initial`. Variants, a set's components and kept
 * images travel as JSON in hidden inputs. Whether it is a product or a set is chosen once,
 * when it is created: a set has components instead of variants and stock.
 */
// Long: one form whose inputs are all posted together (product, images, variants or set components); most of it is markup.
export function ProductEditor({ workspaceId, slug, initial }: { workspaceId: string; slug: string; initial?: EditableProduct }) {
  const router = useRouter();
  const [kind, setKind] = useState<ProductKind>(initial?.kind ?? 'product');
  const isSet = kind === 'set';
  const noun = isSet ? 'set' : 'product';
  const [images, setImages] = useState<string[]>(initial?.images ?? []);
  const [variants, setVariants] = useState<EditableVariant[]>(initial?.variants ?? []);
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm(saveProductAction, {
    onSuccess: () => {
      router.push(`/w/${slug}/settings/products`);
      router.refresh();
    },
  });
  const visibleId = useId();
  const fileId = useId();
  const setVariant = (key: string, patch: Partial<EditableVariant>) => setVariants((vs) => vs.map((v) => (v.key === key ? { ...v, ...patch } : v)));
  const variantsJson = JSON.stringify(variants.map(({ key: _key, stock, ...v }) => ({ ...v, stock: stock === '' ? 0 : stock })));

  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={initial ? `Edit ${initial.name}` : 'New product'} className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="images" value={JSON.stringify(images)} />
      {!isSet && <input type="hidden" name="variants" value={variantsJson} />}
      {initial ? (
        isSet && <SetBadge />
      ) : (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Type</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {(
              [
                ['product', 'Product', 'one thing, optionally with variants'],
                ['set', 'Set', 'a bundle of your products, sold at its own price'],
              ] as const
            ).map(([value, label, hint]) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="kindChoice" value={value} checked={kind === value} onChange={() => setKind(value)} className="h-4 w-4" />
                <span>
                  <span className="font-medium">{label}</span> <span className="text-slate-500">({hint})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={initial?.name} maxLength={200} required error={fieldError('name')} />
        <TextField label="SKU" name="sku" defaultValue={initial?.sku} maxLength={64} required autoComplete="off" error={fieldError('sku')} hint="Unique in the shop, no spaces." />
        <TextField label="Price" name="price" defaultValue={initial?.price} inputMode="decimal" placeholder="12.50" required error={fieldError('price')} />
        <TextField label="Currency" name="currency" defaultValue={initial?.currency ?? 'USD'} maxLength={3} required error={fieldError('currency')} hint="Three letters, like USD or THB." />
        {isSet ? (
          <input type="hidden" name="stock" value="0" />
        ) : (
          <TextField label="Stock" name="stock" type="number" min={0} step={1} defaultValue={String(initial?.stock ?? 0)} required error={fieldError('stock')} />
        )}
        <TextField label="Hashtags" name="hashtags" defaultValue={initial?.hashtags} placeholder="#summer #tee" error={fieldError('hashtags')} hint="Agents can search for them when sharing products." />
      </div>
      <TextField label="Short description" name="description" multiline rows={3} defaultValue={initial?.description} maxLength={1000} showCount error={fieldError('description')} />
      <div className="flex items-center gap-2">
        <input id={visibleId} type="checkbox" name="visibleOnStore" defaultChecked={initial?.visibleOnStore ?? true} className="h-4 w-4" />
        <label htmlFor={visibleId} className="text-sm font-medium text-slate-700">
          Visible on store <span className="font-normal text-slate-500">(agents and the bot can offer it{isSet ? ' while its products are in stock' : ''})</span>
        </label>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Images</legend>
        {images.length > 0 && (
          <ul aria-label="Images" className="mt-2 flex flex-wrap gap-3">
            {images.map((url) => (
              <li key={url} className="w-28 text-center">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={shownUrl(url)} alt="" className="h-28 w-28 rounded-md border border-slate-200 object-cover" />
                <button type="button" className="mt-1 text-xs font-medium text-red-700 hover:underline" onClick={() => setImages((list) => list.filter((u) => u !== url))}>
                  Remove image
                </button>
              </li>
            ))}
          </ul>
        )}
        <FieldError id="images-error" message={fieldError('images')} />
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
              Upload an image
            </label>
            <input id={fileId} type="file" name="imageFile" accept="image/png,image/jpeg,image/gif,image/webp" className="mt-1 block w-full text-sm" aria-invalid={Boolean(fieldError('imageFile'))} />
            <p className="mt-1 text-xs text-slate-500">PNG, JPEG, GIF or WebP, up to 4 MB.</p>
            <FieldError id={`${fileId}-error`} message={fieldError('imageFile')} />
          </div>
          <TextField label="…or an image link" name="imageUrl" type="url" placeholder="https://…" error={fieldError('imageUrl')} />
        </div>
      </fieldset>

      {isSet ? (
        <SetComponentsField workspaceId={workspaceId} initial={initial?.setItems ?? []} error={fieldError('setItems')} />
      ) : (
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Variants</legend>
          <p className="text-xs text-slate-500">Sizes or colours with their own SKU and stock. Leave a variant’s price empty to use the product’s.</p>
          {variants.length > 0 && (
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th className="pr-2 font-medium">Variant name</th>
                  <th className="pr-2 font-medium">Variant SKU</th>
                  <th className="pr-2 font-medium">Variant price</th>
                  <th className="pr-2 font-medium">Variant stock</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {variants.map((v, i) => {
                  const errors = ['name', 'sku', 'price', 'stock'].map((f) => fieldError(`variants.${i}.${f}`)).filter(Boolean);
                  return (
                    <tr key={v.key} className="align-top">
                      <td className="pr-2">
                        <input aria-label={`Variant ${i + 1} name`} className={inputClass} value={v.name} maxLength={100} onChange={(e) => setVariant(v.key, { name: e.target.value })} />
                      </td>
                      <td className="pr-2">
                        <input aria-label={`Variant ${i + 1} SKU`} className={inputClass} value={v.sku} maxLength={64} onChange={(e) => setVariant(v.key, { sku: e.target.value })} />
                      </td>
                      <td className="pr-2">
                        <input aria-label={`Variant ${i + 1} price`} className={inputClass} value={v.price} inputMode="decimal" placeholder="same" onChange={(e) => setVariant(v.key, { price: e.target.value })} />
                      </td>
                      <td className="pr-2">
                        <input aria-label={`Variant ${i + 1} stock`} className={inputClass} type="number" min={0} step={1} value={v.stock} onChange={(e) => setVariant(v.key, { stock: e.target.value })} />
                        {errors.length > 0 && <p className="mt-1 text-xs text-red-600">{errors.join(' ')}</p>}
                      </td>
                      <td>
                        <button type="button" aria-label={`Remove variant ${i + 1}`} className="mt-2 text-sm text-red-700 hover:underline" onClick={() => setVariants((vs) => vs.filter((x) => x.key !== v.key))}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
      )}
        <SecondaryButton className="mt-2" onClick={() => setVariants((vs) => [...vs, { key: newKey(), sku: '', name: '', price: '', stock: '0' }])}>
          Add variant
        </SecondaryButton>
        <FieldError id="variants-error" message={fieldError('variants')} />
      </fieldset>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{initial ? `Save ${noun}` : `Create ${noun}`}</SubmitButton>
        <SecondaryButton onClick={() => router.push(`/w/${slug}/settings/products`)}>Cancel</SecondaryButton>
        <FormStatus state={state} success="Saved." />
      </div>
    </form>
  );
}
