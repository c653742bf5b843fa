'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { ProductPicker } from '@/components/commerce/product-picker';
import { createOrderAction, listCollectionPointsAction, searchOrderableItemsAction } from '@/app/w/[slug]/inbox/order-actions';
import type { OrderableItem } from '@/lib/commerce/order-create';
import { formatMoney } from '@/lib/commerce/money';
import { X } from 'lucide-react';

type CartLine = OrderableItem & { quantity: number };
type Point = { id: string; name: string; address: string; openingHours: string | null };

const keyOf = (i: { productId: string; variantId: string | null }) => `${i.productId}:${i.variantId ?? ''}`;
const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm';

/** "Create order": build the customer's cart, delivery or pickup, notes; the summary goes to the chat. */
// Long: one dialog's form (cart, delivery or pickup, notes) whose fields are all sent together; most of it is markup.
export function CreateOrderButton({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [points, setPoints] = useState<Point[]>([]);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [fulfilment, setFulfilment] = useState<'delivery' | 'pickup'>('delivery');
  const [address, setAddress] = useState('');
  const [recipient, setRecipient] = useState('');
  const [phone, setPhone] = useState('');
  const [pointId, setPointId] = useState('');
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();
  // A new picker (empty search) for the next order: bumped when one is created.
  const [pickerKey, setPickerKey] = useState(0);
  const id = `order-${conversationId}`;

  useEffect(() => {
    if (!open) return;
    listCollectionPointsAction({ workspaceId }).then((result) => {
      if (result.ok) setPoints(result.data);
    });
  }, [open, workspaceId]);

  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  const reset = () => {
    setCart([]);
    setAddress('');
    setRecipient('');
    setPhone('');
    setPointId('');
    setNotes('');
    setPickerKey((k) => k + 1);
  };

  const add = (item: OrderableItem) =>
    setCart((lines) => {
      const existing = lines.find((l) => keyOf(l) === keyOf(item));
      if (existing) return lines.map((l) => (l === existing ? { ...l, quantity: Math.min(l.stock, l.quantity + 1) } : l));
      return [...lines, { ...item, quantity: 1 }];
    });
  const setQuantity = (key: string, quantity: number) => setCart((lines) => lines.map((l) => (keyOf(l) === key ? { ...l, quantity } : l)));
  const remove = (key: string) => setCart((lines) => lines.filter((l) => keyOf(l) !== key));

  const currency = cart[0]?.currency;
  const mixedCurrencies = cart.some((l) => l.currency !== currency);
  const totalMinor = cart.reduce((sum, l) => sum + l.priceMinor * (Number.isFinite(l.quantity) ? l.quantity : 0), 0);
  const ready = cart.length > 0 && !mixedCurrencies && cart.every((l) => l.quantity >= 1) && (fulfilment === 'delivery' ? address.trim() !== '' : pointId !== '');

  const submit = () =>
    start(async () => {
      setMessage(null);
      const result = await createOrderAction({
        workspaceId,
        conversationId,
        items: cart.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: l.quantity })),
        fulfilment: fulfilment === 'delivery' ? { kind: 'delivery', address, name: recipient, phone } : { kind: 'pickup', collectionPointId: pointId },
        notes,
      });
      if (result.ok) {
        setMessage({ kind: 'ok', text: `Order #${result.data.orderNumber} created (${result.data.total}). The summary was sent to the customer.` });
        reset();
        close();
      } else setMessage({ kind: 'error', text: result.error });
    });

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
        Create order
      </button>
      {message?.kind === 'ok' && !open && (
        <p role="status" className="sr-only">
          {message.text}
        </p>
      )}
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby={id} className="w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40">
        <form
          className="max-h-[90dvh] space-y-4 overflow-y-auto p-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (ready && !pending) submit();
          }}
        >
          <h2 id={id} className="text-lg font-semibold">
            Create an order
          </h2>

          <section aria-label="Add products">
            <ProductPicker
              key={pickerKey}
              active={open}
              search={(q) => searchOrderableItemsAction({ workspaceId, q })}
              keyOf={keyOf}
              choice={{ kind: 'add', onAdd: add }}
              searchLabel="Search products by name, SKU or #hashtag"
              emptyText="No product on the store with stock left matches."
            />
          </section>

          <section aria-labelledby={`${id}-cart`} className="space-y-2">
            <h3 id={`${id}-cart`} className="text-sm font-semibold">
              Cart
            </h3>
            {cart.length === 0 ? (
              <p className="text-sm text-slate-500">Add products above.</p>
            ) : (
              <ul className="space-y-2">
                {cart.map((line) => {
                  const key = keyOf(line);
                  return (
                    <li key={key} className="flex flex-wrap items-center gap-2 text-sm">
                      <span className="min-w-0 flex-1 truncate">{line.name}</span>
                      <label className="flex items-center gap-1">
                        <span className="sr-only">Quantity of {line.name}</span>
                        <input
                          type="number"
                          min={1}
                          max={line.stock}
                          value={Number.isFinite(line.quantity) ? line.quantity : ''}
                          onChange={(e) => setQuantity(key, e.target.valueAsNumber)}
                          className="w-16 rounded-md border border-slate-300 px-2 py-1"
                        />
                      </label>
                      <span className="w-24 text-right tabular-nums">{formatMoney(line.priceMinor * (Number.isFinite(line.quantity) ? line.quantity : 0), line.currency)}</span>
                      <button type="button" onClick={() => remove(key)} aria-label={`Remove ${line.name}`} className="rounded p-1 text-slate-500 hover:bg-slate-100">
                        <X className="size-4" />
                      </button>
                    </li>
                  );
                })}
                <li className="flex justify-between border-t border-slate-100 pt-2 text-sm font-semibold">
                  <span>Total</span>
                  <span className="tabular-nums">{currency && !mixedCurrencies ? formatMoney(totalMinor, currency) : '—'}</span>
                </li>
                {mixedCurrencies && <li className="text-xs text-red-600">All products in one order must have the same currency.</li>}
              </ul>
            )}
          </section>

          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Delivery</legend>
            <div className="flex gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name={`${id}-fulfilment`} checked={fulfilment === 'delivery'} onChange={() => setFulfilment('delivery')} />
                Deliver to an address
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name={`${id}-fulfilment`} checked={fulfilment === 'pickup'} onChange={() => setFulfilment('pickup')} disabled={points.length === 0} />
                Pickup at a collection point
              </label>
            </div>
            {fulfilment === 'delivery' ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <label className="block text-sm sm:col-span-2">
                  <span className="text-slate-600">Address</span>
                  <textarea value={address} onChange={(e) => setAddress(e.target.value)} rows={2} required className={inputClass} />
                </label>
                <label className="block text-sm">
                  <span className="text-slate-600">Recipient (optional)</span>
                  <input value={recipient} onChange={(e) => setRecipient(e.target.value)} className={inputClass} />
                </label>
                <label className="block text-sm">
                  <span className="text-slate-600">Phone (optional)</span>
                  <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} className={inputClass} />
                </label>
              </div>
            ) : (
              <label className="block text-sm">
                <span className="text-slate-600">Collection point</span>
                <select value={pointId} onChange={(e) => setPointId(e.target.value)} required className={inputClass}>
                  <option value="">Choose…</option>
                  {points.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} — {p.address}
                      {p.openingHours ? ` (open ${p.openingHours})` : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>

          <label className="block text-sm">
            <span className="text-slate-600">Notes (optional, sent to the customer)</span>
            <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={1000} className={inputClass} />
          </label>

          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-sm ${message.kind === 'error' ? 'text-red-600' : 'text-emerald-700'}`}>
              {message.text}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={close} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
              Cancel
            </button>
            <button type="submit" disabled={!ready || pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              {pending ? 'Creating…' : 'Create order and send summary'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
