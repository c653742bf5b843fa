'use client';

import { useId, useState } from 'react';
import { useProductSearch } from '@/components/commerce/use-product-search';
import { FieldError, inputClass } from '@/components/ui/form-kit';
import { deriveSetStock } from '@/lib/commerce/set-rules';
import type { ComponentOption } from '@/lib/commerce/sets';
import { searchSetComponentsAction } from '@/app/w/[slug]/settings/products/actions';

export type EditableComponent = ComponentOption & { quantity: string };

const keyOf = (c: { productId: string; variantId: string | null }) => `${c.productId}:${c.variantId ?? ''}`;

/**
 * A set's components: search the shop's products (each option of a product with variants
 * is its own choice), add them with a quantity, and see how many whole sets their stock
 * makes. The list travels to the server as JSON in the hidden `setItems` input.
 */
// Long: the search, the picked components and the stock they make share one list; most of it is markup.
export function SetComponentsField({ workspaceId, initial, error }: { workspaceId: string; initial: EditableComponent[]; error?: string }) {
  const [components, setComponents] = useState<EditableComponent[]>(initial);
  const { query: q, setQuery: setQ, result: options, error: searchError } = useProductSearch((query) => searchSetComponentsAction({ workspaceId, q: query }), true);
  const searchId = useId();

  const chosen = new Set(components.map(keyOf));
  const quantityOf = (c: EditableComponent) => Math.max(1, Math.floor(Number(c.quantity) || 1));
  const derived = deriveSetStock(components.map((c) => ({ stock: c.stock, quantity: quantityOf(c) })));
  const json = JSON.stringify(components.map((c) => ({ productId: c.productId, variantId: c.variantId, quantity: c.quantity === '' ? 1 : c.quantity })));

  return (
    <fieldset aria-describedby={`${searchId}-stock`}>
      <legend className="text-sm font-medium text-slate-700">Products in this set</legend>
      <p className="text-xs text-slate-500">The set’s stock is what its products allow: ordering one set takes each product’s quantity from its stock.</p>
      <input type="hidden" name="setItems" value={json} />

      {components.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No products yet. Search below and add at least one.</p>
      ) : (
        // Its own scroll box: on a phone a long product name must not widen the page.
        <div className="relative mt-2 overflow-x-auto">
        <table aria-label="Products in this set" className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="pr-2 font-medium">Product</th>
              <th className="pr-2 font-medium">In stock</th>
              <th className="pr-2 font-medium">Quantity per set</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {components.map((c) => (
              <tr key={keyOf(c)} className="align-middle">
                <td className="py-1 pr-2">
                  {c.name} <span className="font-mono text-xs text-slate-500">{c.sku}</span>
                </td>
                <td className="pr-2 tabular-nums">{c.stock}</td>
                <td className="pr-2">
                  <input
                    aria-label={`Quantity of ${c.name}`}
                    className={`${inputClass} mt-0 w-24`}
                    type="number"
                    min={1}
                    max={999}
                    step={1}
                    value={c.quantity}
                    onChange={(e) => setComponents((list) => list.map((x) => (keyOf(x) === keyOf(c) ? { ...x, quantity: e.target.value } : x)))}
                  />
                </td>
                <td>
                  <button type="button" aria-label={`Remove ${c.name} from the set`} className="text-sm text-red-700 hover:underline" onClick={() => setComponents((list) => list.filter((x) => keyOf(x) !== keyOf(c)))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <p id={`${searchId}-stock`} className="mt-2 text-sm text-slate-700" aria-live="polite">
        Set stock: <strong className="tabular-nums">{derived}</strong> {derived === 1 ? 'set' : 'sets'}
        {components.length > 0 && derived === 0 && <span className="text-amber-700"> (out of stock: not offered to customers)</span>}
      </p>
      <FieldError id={`${searchId}-error`} message={error} />

      <div className="mt-3 rounded-md border border-slate-200 p-3">
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-700">
          Add a product
        </label>
        <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, SKU or #hashtag" className={inputClass} autoComplete="off" />
        {searchError ? (
          <p className="mt-2 text-sm text-red-600">{searchError}</p>
        ) : options === null ? (
          <p className="mt-2 text-sm text-slate-500">Loading products…</p>
        ) : options.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">{q ? `No product matches “${q}”.` : 'No products yet: create the products first, then the set.'}</p>
        ) : (
          <ul aria-label="Products to add" className="mt-2 max-h-56 divide-y divide-slate-100 overflow-y-auto">
            {options.map((o) => (
              <li key={keyOf(o)} className="flex items-center gap-3 py-1.5 text-sm">
                <span className="min-w-0 flex-1 truncate">
                  {o.name} <span className="font-mono text-xs text-slate-500">{o.sku}</span> <span className="text-xs text-slate-500">· {o.stock} in stock</span>
                </span>
                <button
                  type="button"
                  disabled={chosen.has(keyOf(o))}
                  aria-label={`Add ${o.name} to the set`}
                  className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
                  onClick={() => setComponents((list) => [...list, { ...o, quantity: '1' }])}
                >
                  {chosen.has(keyOf(o)) ? 'Added' : 'Add'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
