'use client';

import { fillText } from '@/lib/widget/i18n/fill';
import { shownUrl } from '@/lib/files/file-links';
import type { WidgetMessageView } from '@/lib/widget/types';
import { safeUrl } from './safe-text';
import { useWidgetText } from './strings';

/** A product the shop or its bot sent: picture, name, price, View and Buy. */
export function ProductCard({ message, onChoice }: { message: WidgetMessageView; onChoice: (c: { title: string; payload: string }) => void }) {
  const p = message.product!;
  const image = safeUrl(shownUrl(p.imageUrl));
  const link = safeUrl(p.url);
  const t = useWidgetText();
  return (
    <div className="w-60 max-w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-slate-900" data-testid="product-card">
      {/* eslint-disable-next-line @next/next/no-img-element -- product images, stored by Baton */}
      {image && <img src={image} alt="" loading="lazy" className="h-40 w-full object-cover" />}
      <div className="p-3">
        <p className="font-medium">{p.name}</p>
        {p.price && <p className="text-sm text-slate-600">{p.price}</p>}
        {p.description && <p className="mt-1 text-sm text-slate-600">{p.description}</p>}
        <div className="mt-2 flex gap-2">
          {link && (
            <a href={link} target="_blank" rel="noopener noreferrer" className="flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-center text-sm">
              {t.view}
            </a>
          )}
          {p.buyPayload && (
            <button
              type="button"
              onClick={() => onChoice({ title: fillText(t.buyItem, { name: p.name }), payload: p.buyPayload! })}
              className="flex-1 rounded-md bg-slate-900 px-2 py-1.5 text-sm text-white"
            >
              {t.buy}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

