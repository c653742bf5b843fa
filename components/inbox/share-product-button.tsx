'use client';

import { useRef, useState, useTransition } from 'react';
import { ProductPicker } from '@/components/commerce/product-picker';
import { searchShareableProductsAction, shareProductAction } from '@/app/w/[slug]/inbox/commerce-actions';

/** "Share product": search the catalogue, pick what to show, send the product card. */
// Long: one dialog: search, the results and the send button; most of it is markup.
export function ShareProductButton({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [include, setInclude] = useState({ image: true, price: true, description: true });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);

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
          <ProductPicker
            active={open}
            search={(q) => searchShareableProductsAction({ workspaceId, q })}
            keyOf={(p) => p.id}
            choice={{ kind: 'pick-one', pickedKey: picked, onPick: (p) => setPicked(p.id) }}
            searchLabel="Search by name, SKU or #hashtag"
            emptyText="No product on the store matches."
          />
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
