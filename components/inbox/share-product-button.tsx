'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { searchShareableProductsAction, shareProductAction } from '@/app/w/[slug]/inbox/commerce-actions';
import type { ShareableProduct } from '@/lib/commerce/share-product';
import { SetBadge } from '@/components/ui/set-badge';

/** "Share product": search the catalogue, pick what to show, send the product card. */
export function ShareProductButton({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ products: ShareableProduct[]; hidden: number; soldOut: number } | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [include, setInclude] = useState({ image: true, price: true, description: true });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(async () => {
      const result = await searchShareableProductsAction({ workspaceId, q });
      if (result.ok) setFound(result.data);
      else setMessage({ kind: 'error', text: result.error });
    }, 200);
    return () => clearTimeout(timer);
  }, [open, q, workspaceId]);

  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setMessage(null);
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      >
        Share product
      </button>
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby={`share-${conversationId}`} className="w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="space-y-3 p-4">
          <h2 id={`share-${conversationId}`} className="text-lg font-semibold">Share a product</h2>
          <label className="block text-sm">
            <span className="text-slate-600">Search by name, SKU or #hashtag</span>
            <input value={q} onChange={(e) => setQ(e.target.value)} autoFocus className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5" />
          </label>
          {found === null ? (
            <p className="text-sm text-slate-500">Loading products…</p>
          ) : found.products.length === 0 ? (
            <p className="text-sm text-slate-500">No product on the store matches.</p>
          ) : (
            <ul role="radiogroup" aria-label="Products" className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
              {found.products.map((p) => (
                <li key={p.id}>
                  <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50">
                    <input type="radio" name={`product-${conversationId}`} checked={picked === p.id} onChange={() => setPicked(p.id)} />
                    {p.imageUrl && (
                      // eslint-disable-next-line @next/next/no-img-element -- catalogue images from any host
                      <img src={p.imageUrl} alt="" className="h-10 w-10 rounded object-cover" />
                    )}
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium">
                        {p.name} {p.includes !== undefined && <SetBadge />}
                      </span>
                      <span className="block text-xs text-slate-500">
                        {p.price} · {p.sku} · {p.stock} in stock
                      </span>
                      {p.includes && <span className="block truncate text-xs text-slate-500">Includes {p.includes}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {found && (found.hidden > 0 || found.soldOut > 0) && (
            <p className="text-xs text-slate-500">
              Not offered: {found.hidden > 0 && `${found.hidden} hidden from the store`}
              {found.hidden > 0 && found.soldOut > 0 && ', '}
              {found.soldOut > 0 && `${found.soldOut} out of stock`}.
            </p>
          )}
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Include</legend>
            {(['image', 'price', 'description'] as const).map((key) => (
              <label key={key} className="flex items-center gap-1.5 capitalize">
                <input type="checkbox" checked={include[key]} onChange={(e) => setInclude({ ...include, [key]: e.target.checked })} />
                {key}
              </label>
            ))}
          </fieldset>
          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-sm ${message.kind === 'error' ? 'text-red-600' : 'text-emerald-700'}`}>
              {message.text}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={close} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
              Cancel
            </button>
            <button
              type="button"
              disabled={!picked || pending}
              onClick={() =>
                start(async () => {
                  const result = await shareProductAction({
                    workspaceId,
                    conversationId,
                    productId: picked!,
                    includeImage: include.image,
                    includePrice: include.price,
                    includeDescription: include.description,
                  });
                  if (result.ok) {
                    setMessage({ kind: 'ok', text: 'Shared to the chat.' });
                    close();
                  } else setMessage({ kind: 'error', text: result.error });
                })
              }
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {pending ? 'Sharing…' : 'Share to chat'}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
