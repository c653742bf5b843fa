import { Bell, ExternalLink, FileText, ImageOff, List, MapPin, Music, UserRound, Video } from 'lucide-react';
import type { PhoneBubble, PhoneButton, PhoneTap } from '@/demo/phone-view';

// One bubble of the simulated phone, drawn as the customer's app draws it. Text only, never
// HTML; images only our own stored files (phone-view.ts gives null for anything else).

export type Tap = (button: PhoneButton, via: PhoneTap) => void;

const bubbleShape = (fromCustomer: boolean) =>
  `max-w-[85%] overflow-hidden rounded-2xl text-sm ${fromCustomer ? 'bg-emerald-500 text-white' : 'bg-white text-slate-900 shadow-sm'}`;

function Buttons({ buttons, tap, disabled }: { buttons: PhoneButton[]; tap: Tap; disabled: boolean }) {
  if (buttons.length === 0) return null;
  return (
    <div className="divide-y divide-slate-200 border-t border-slate-200">
      {buttons.map((b, i) =>
        b.url ? (
          <a
            key={i}
            href={b.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="flex items-center justify-center gap-1 px-3 py-2 text-center font-medium text-sky-700 hover:bg-slate-50"
          >
            {b.title}
            <ExternalLink className="size-3.5" aria-hidden />
          </a>
        ) : (
          <button
            key={i}
            type="button"
            disabled={disabled}
            onClick={() => tap(b, 'button')}
            className="block w-full px-3 py-2 text-center font-medium text-sky-700 hover:bg-slate-50 disabled:opacity-60"
          >
            {b.title}
          </button>
        ),
      )}
    </div>
  );
}

function Picture({ url, alt, className }: { url: string | null; alt: string; className: string }) {
  if (!url) {
    return (
      <div className={`flex flex-col items-center justify-center gap-1 bg-slate-200 text-xs text-slate-500 ${className}`} role="img" aria-label={`${alt} (not stored in Baton)`}>
        <ImageOff className="size-6" aria-hidden />
        Picture not stored in Baton
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- our own stored files only
  return <img src={url} alt={alt} loading="lazy" referrerPolicy="no-referrer" className={`bg-slate-100 object-cover ${className}`} />;
}

const mediaIcons = { video: Video, audio: Music, file: FileText } as const;

export function PhoneBubbleView({ bubble, fromCustomer, tap, disabled, optinActive = false }: { bubble: PhoneBubble; fromCustomer: boolean; tap: Tap; disabled: boolean; optinActive?: boolean }) {
  switch (bubble.type) {
    case 'text':
      return (
        <div className={bubbleShape(fromCustomer)}>
          <p className="whitespace-pre-wrap break-words px-3 py-2">{bubble.text}</p>
          <Buttons buttons={bubble.buttons} tap={tap} disabled={disabled} />
        </div>
      );
    case 'optin':
      // Messenger draws the request as a card: the page's title, how often, and one button.
      return (
        <div className={bubbleShape(fromCustomer)} data-testid="phone-optin">
          <p className="flex items-center gap-1 px-3 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">
            <Bell className="size-3.5" aria-hidden /> Notifications · {bubble.frequency}
          </p>
          <p className="whitespace-pre-wrap break-words px-3 pb-2 font-medium">{bubble.title}</p>
          <div className="border-t border-slate-200">
            <button
              type="button"
              disabled={disabled}
              onClick={() => (optinActive ? tap({ title: 'Stop notifications', payload: 'optin_stop', url: null }, 'optin_stop') : tap({ title: 'Get messages', payload: 'optin', url: null }, 'optin'))}
              className="block w-full px-3 py-2 text-center font-medium text-sky-700 hover:bg-slate-50 disabled:opacity-60 max-md:min-h-11"
            >
              {optinActive ? 'Stop notifications' : 'Get messages'}
            </button>
          </div>
        </div>
      );
    case 'template':
      return (
        <div className={bubbleShape(fromCustomer)} data-testid="phone-template">
          <p className="whitespace-pre-wrap break-words px-3 py-2">{bubble.text}</p>
        </div>
      );
    case 'list':
      return (
        <div className={bubbleShape(fromCustomer)}>
          <p className="whitespace-pre-wrap break-words px-3 py-2">{bubble.text}</p>
          <details className="border-t border-slate-200">
            <summary className="flex cursor-pointer list-none items-center justify-center gap-1 px-3 py-2 font-medium text-sky-700">
              <List className="size-4" aria-hidden />
              {bubble.button}
            </summary>
            <ul className="divide-y divide-slate-100 border-t border-slate-200">
              {bubble.rows.map((row, i) => (
                <li key={i}>
                  <button type="button" disabled={disabled} onClick={() => tap(row, 'list')} className="block w-full px-3 py-2 text-left hover:bg-slate-50 disabled:opacity-60">
                    {row.title}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        </div>
      );
    case 'image':
      return (
        <figure className={bubbleShape(fromCustomer)}>
          <Picture url={bubble.url} alt={bubble.caption ?? 'Picture'} className="max-h-64 w-56 min-h-24" />
          {bubble.caption && <figcaption className="whitespace-pre-wrap break-words px-3 py-2">{bubble.caption}</figcaption>}
        </figure>
      );
    case 'media': {
      const Icon = mediaIcons[bubble.kind];
      const label = bubble.name ?? (bubble.kind === 'video' ? 'Video' : bubble.kind === 'audio' ? 'Voice message' : 'File');
      return (
        <div className={bubbleShape(fromCustomer)}>
          <p className="flex items-center gap-2 px-3 py-2">
            <Icon className="size-5 shrink-0" aria-hidden />
            {bubble.url ? (
              <a href={bubble.url} target="_blank" rel="noopener noreferrer" className="truncate font-medium underline underline-offset-2">
                {label}
              </a>
            ) : (
              <span className="truncate font-medium">{label}</span>
            )}
          </p>
          {bubble.kind === 'audio' && bubble.url && <audio src={bubble.url} controls preload="metadata" className="h-9 w-56 max-w-full px-2 pb-2" aria-label={`Play ${label}`} />}
          {bubble.caption && <p className="whitespace-pre-wrap break-words px-3 pb-2">{bubble.caption}</p>}
        </div>
      );
    }
    case 'card':
      return (
        <article aria-label={`Product: ${bubble.title}`} className={`${bubbleShape(false)} w-60`}>
          <Picture url={bubble.imageUrl} alt={bubble.title} className="h-36 w-full" />
          <div className="px-3 py-2">
            <h3 className="font-semibold">{bubble.title}</h3>
            {bubble.subtitle && <p className="text-slate-700">{bubble.subtitle}</p>}
            {bubble.description && <p className="mt-1 text-xs text-slate-500">{bubble.description}</p>}
          </div>
          <Buttons buttons={bubble.buttons} tap={tap} disabled={disabled} />
        </article>
      );
    case 'location':
      return (
        <article aria-label={`Location: ${bubble.name ?? 'Shared location'}`} className={`${bubbleShape(fromCustomer)} w-60`}>
          {/* A drawn map, not tiles: the page loads nothing from map servers. */}
          <div
            className="relative flex h-28 items-center justify-center bg-emerald-50"
            style={{
              backgroundImage:
                'linear-gradient(90deg, rgb(203 213 225 / .6) 1px, transparent 1px), linear-gradient(rgb(203 213 225 / .6) 1px, transparent 1px), linear-gradient(35deg, transparent 45%, rgb(255 255 255) 45%, rgb(255 255 255) 52%, transparent 52%)',
              backgroundSize: '24px 24px, 24px 24px, 100% 100%',
            }}
          >
            <MapPin className="size-9 fill-red-500 text-red-700 drop-shadow" aria-hidden />
          </div>
          <div className={`px-3 py-2 ${fromCustomer ? 'bg-white text-slate-900' : ''}`}>
            <p className="font-semibold">{bubble.name ?? 'Shared location'}</p>
            {bubble.address && <p className="text-xs text-slate-600">{bubble.address}</p>}
            <a href={bubble.mapUrl} target="_blank" rel="noopener noreferrer nofollow" className="mt-1 inline-flex items-center gap-1 text-xs font-medium text-sky-700 underline underline-offset-2">
              Open in Maps ({bubble.latitude.toFixed(4)}, {bubble.longitude.toFixed(4)})
              <ExternalLink className="size-3" aria-hidden />
            </a>
          </div>
        </article>
      );
    case 'contact':
      return (
        <article aria-label={`Contact: ${bubble.name}`} className={`${bubbleShape(fromCustomer)} px-3 py-2`}>
          <p className="flex items-center gap-2 font-semibold">
            <span className="flex size-8 items-center justify-center rounded-full bg-slate-200 text-slate-600">
              <UserRound className="size-4" aria-hidden />
            </span>
            {bubble.name}
          </p>
          {bubble.phones.map((p) => (
            <p key={p} className="mt-1 text-xs">
              <a href={`tel:${p.replace(/[^\d+]/g, '')}`} className="underline underline-offset-2">
                {p}
              </a>
            </p>
          ))}
          {bubble.emails.map((e) => (
            <p key={e} className="text-xs">
              {e}
            </p>
          ))}
        </article>
      );
  }
}
