'use client';

import { useId } from 'react';
import { SetBadge } from '@/components/ui/set-badge';
import type { ActionResult } from '@/lib/auth/action-core';
import { shownUrl } from '@/lib/files/file-links';
import { useProductSearch } from './use-product-search';

/** What the picker shows of a catalogue item (a product, one variant of it, or a set). */
export type PickerProduct = {
  name: string;
  /** Already formatted in its currency ("฿590.00"). */
  price: string;
  sku: string;
  stock: number;
  imageUrl?: string | null;
  /** A set: what it holds ("2 × Straw sun hat, Canvas tote"). */
  includes?: string;
};

/** A search's answer; the counts say why matching items are missing, when the server knows. */
export type ProductMatches<T> = { products: T[]; hidden?: number; soldOut?: number };

/** What choosing does: pick one item (radio buttons), or add any number (an Add button each). */
export type PickerChoice<T> = { kind: 'pick-one'; pickedKey: string | null; onPick: (item: T) => void } | { kind: 'add'; onAdd: (item: T) => void };

type Props<T extends PickerProduct> = {
  /** Searches only while true (its dialog is open). */
  active: boolean;
  search: (q: string) => Promise<ActionResult<ProductMatches<T>>>;
  keyOf: (item: T) => string;
  choice: PickerChoice<T>;
  searchLabel: string;
  emptyText: string;
};

/** The catalogue search of the conversation's commerce dialogs (Share product, Create order). */
export function ProductPicker<T extends PickerProduct>({ active, search, keyOf, choice, searchLabel, emptyText }: Props<T>) {
  const { query, setQuery, result, error } = useProductSearch(search, active);
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        <span className="text-slate-600">{searchLabel}</span>
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // Enter means "search", never "submit the dialog's form" (that would create the order).
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          autoFocus
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </label>
      <PickerResults result={result} error={error} keyOf={keyOf} choice={choice} emptyText={emptyText} />
    </div>
  );
}

type ResultsProps<T extends PickerProduct> = Pick<Props<T>, 'keyOf' | 'choice' | 'emptyText'> & { result: ProductMatches<T> | null; error: string | null };

/** The search's answer: loading, an error, nothing, or the matches with their pick or Add controls. */
export function PickerResults<T extends PickerProduct>({ result, error, keyOf, choice, emptyText }: ResultsProps<T>) {
  const radioName = useId();
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : result === null ? (
        <p className="text-sm text-slate-500">Loading products…</p>
      ) : result.products.length === 0 ? (
        <p className="text-sm text-slate-500">{emptyText}</p>
      ) : (
        <ul
          role={choice.kind === 'pick-one' ? 'radiogroup' : undefined}
          aria-label="Products"
          className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
        >
          {result.products.map((item) => (
            <li key={keyOf(item)}>
              {choice.kind === 'pick-one' ? (
                <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                  <input type="radio" name={radioName} checked={choice.pickedKey === keyOf(item)} onChange={() => choice.onPick(item)} />
                  <ProductSummary item={item} />
                </label>
              ) : (
                <div className="flex items-center gap-3 px-3 py-2 text-sm">
                  <ProductSummary item={item} />
                  <button
                    type="button"
                    onClick={() => choice.onAdd(item)}
                    aria-label={`Add ${item.name}`}
                    className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
                  >
                    Add
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && <UnavailableHint hidden={result.hidden ?? 0} soldOut={result.soldOut ?? 0} />}
    </>
  );
}

function ProductSummary({ item }: { item: PickerProduct }) {
  return (
    <>
      {item.imageUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- catalogue images from any host
        <img src={shownUrl(item.imageUrl)} alt="" className="h-10 w-10 rounded object-cover" />
      )}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">
          {item.name} {item.includes !== undefined && <SetBadge />}
        </span>
        <span className="block text-xs text-slate-500">
          {item.price} · {item.sku} · {item.stock} in stock
        </span>
        {item.includes && <span className="block truncate text-xs text-slate-500">Includes {item.includes}</span>}
      </span>
    </>
  );
}

/** Why a match is not listed, so the agent does not go looking for it. */
function UnavailableHint({ hidden, soldOut }: { hidden: number; soldOut: number }) {
  if (hidden === 0 && soldOut === 0) return null;
  const reasons = [hidden > 0 && `${hidden} hidden from the store`, soldOut > 0 && `${soldOut} out of stock`].filter(Boolean);
  return <p className="text-xs text-slate-500">Not offered: {reasons.join(', ')}.</p>;
}
