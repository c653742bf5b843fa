import type { WidgetConfig, WidgetMessageView } from '@/lib/widget/types';
import { formatBytes, SafeText, safeUrl } from './safe-text';
import { shownUrl } from '@/lib/files/file-links';
import { ExternalLink, FileText, MapPin } from 'lucide-react';
import { ArticleCard } from './article-card';
import { fillText } from '@/lib/widget/i18n/fill';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import { useWidgetText } from './strings';
import { AgentAvatar } from './widget-header-extras';
import { lazy, Suspense } from 'react';

// Loaded with the first product a conversation shows: a first open has none.
const ProductCard = lazy(() => import('./product-card').then((m) => ({ default: m.ProductCard })));

export type Choice = { title: string; payload: string };

/** A message the visitor is still sending (or failed to send), shown until the server has it. */
export type PendingMessage = {
  clientId: string;
  text: string | null;
  payload?: string;
  file?: File;
  previewUrl?: string;
  state: 'sending' | 'failed';
  error?: string;
  createdAt: string;
};

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function statusLabel(status: WidgetMessageView['status'], t: WidgetStrings) {
  return status === 'read' ? t.seen : t.sent;
}

function Attachments({ message }: { message: WidgetMessageView }) {
  const t = useWidgetText();
  return (
    <>
      {message.attachments.map((a, i) => {
        const url = safeUrl(shownUrl(a.url));
        if (!url) return null;
        // Pictures, video and sound play inline only from Baton's own files; a link the shop
        // sent to somewhere else is offered as a link (the page loads nothing from elsewhere).
        const inline = url.startsWith('/'); // served by Baton: own files are shown as paths
        if (inline && (a.kind === 'image' || a.kind === 'sticker')) {
          return (
            <a key={i} href={url} target="_blank" rel="noopener noreferrer" className="block">
              {/* eslint-disable-next-line @next/next/no-img-element -- Baton's own stored files, authorized by the visitor's token */}
              <img src={url} alt={a.name ?? t.image} loading="lazy" className="max-h-60 w-full rounded-lg object-cover" />
            </a>
          );
        }
        if (inline && a.kind === 'video') return <video key={i} src={url} controls className="max-h-60 w-full rounded-lg" />;
        if (inline && a.kind === 'audio') return <audio key={i} src={url} controls className="w-full" />;
        return (
          <a
            key={i}
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            download={a.name ?? undefined}
            className="flex items-center gap-2 rounded-lg bg-black/5 px-3 py-2 underline-offset-2 hover:underline"
          >
            <FileText className="size-4 shrink-0" />
            <span className="min-w-0 flex-1 truncate">{a.name ?? t.file}</span>
            <span className="shrink-0 text-xs opacity-70">{formatBytes(a.size)}</span>
          </a>
        );
      })}
    </>
  );
}


/** One message: the visitor's on the right in the shop's colour, replies on the left. */
export function MessageBubble({
  message,
  config,
  onChoice,
}: {
  message: WidgetMessageView;
  config: WidgetConfig;
  onChoice: (choice: Choice) => void;
}) {
  const t = useWidgetText();
  const mine = message.from === 'visitor';
  // A shop that signs replies with its own name shows it for its agents too.
  const author = mine ? t.you : message.from === 'bot' || config.agentDisplay === 'shop' ? config.title : (message.authorName ?? config.title);
  const hasBubble = Boolean(message.text || message.attachments.length || message.location || message.contact);
  return (
    <li className={`flex flex-col ${mine ? 'items-end' : 'items-start'}`} data-testid="widget-message" data-from={message.from}>
      {!mine && (
        <span className="mb-0.5 flex items-center gap-1.5 px-1 text-xs text-slate-500">
          <AgentAvatar config={config} name={author} small />
          <span data-testid="message-author">{author}</span>
        </span>
      )}
      <span className="sr-only">{mine ? t.youSaid : fillText(t.someoneSaid, { name: author })}</span>
      {hasBubble && (
        <div
          className={`max-w-[85%] space-y-2 rounded-2xl px-3 py-2 text-sm shadow-sm ${mine ? 'rounded-br-sm' : 'rounded-bl-sm bg-white text-slate-900'}`}
          style={mine ? { background: config.color, color: config.textColor } : undefined}
        >
          <Attachments message={message} />
          {message.text && (
            <p className="whitespace-pre-wrap break-words">
              <SafeText text={message.text} />
            </p>
          )}
          {message.location && safeUrl(message.location.mapUrl) && (
            <a href={safeUrl(message.location.mapUrl)!} target="_blank" rel="noopener noreferrer" className="flex items-center gap-1 underline">
              <MapPin className="size-4 shrink-0" />
              {t.openInMaps}
            </a>
          )}
          {message.contact && message.contact.phones.length > 0 && (
            <p className="text-xs opacity-80">{message.contact.phones.join(', ')}</p>
          )}
        </div>
      )}
      {message.product && (
        <Suspense fallback={null}>
          <ProductCard message={message} onChoice={onChoice} />
        </Suspense>
      )}
      {message.article && <ArticleCard article={message.article} />}
      {message.buttons.length > 0 && (
        <div className="mt-1 flex max-w-[85%] flex-col gap-1">
          {message.buttons.map((b, i) => {
            if (b.type === 'link') {
              const href = safeUrl(b.url);
              return href ? (
                <a key={i} href={href} target="_blank" rel="noopener noreferrer" className="flex items-center justify-center gap-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-center text-sm">
                  {b.title}
                  <ExternalLink className="size-3.5 shrink-0" />
                </a>
              ) : null;
            }
            return (
              <button
                key={i}
                type="button"
                onClick={() => onChoice({ title: b.title, payload: b.payload })}
                className="rounded-lg border bg-white px-3 py-1.5 text-sm"
                style={{ borderColor: config.color, color: '#0f172a' }}
              >
                {b.title}
              </button>
            );
          })}
        </div>
      )}
      <span className="mt-0.5 px-1 text-[11px] text-slate-400">
        <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
        {mine && <span data-testid="message-status"> · {statusLabel(message.status, t)}</span>}
      </span>
    </li>
  );
}

export function PendingBubble({ message, config, onRetry }: { message: PendingMessage; config: WidgetConfig; onRetry: () => void }) {
  const t = useWidgetText();
  return (
    <li className="flex flex-col items-end" data-testid="widget-message" data-from="visitor" data-pending="true">
      <span className="sr-only">{t.youSaid}</span>
      <div className="max-w-[85%] space-y-2 rounded-2xl rounded-br-sm px-3 py-2 text-sm opacity-80 shadow-sm" style={{ background: config.color, color: config.textColor }}>
        {message.previewUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL) of the file being sent
          <img src={message.previewUrl} alt={message.file?.name ?? t.image} className="max-h-60 w-full rounded-lg object-cover" />
        )}
        {message.file && !message.previewUrl && (
          <p className="flex items-center gap-1">
            <FileText className="size-4 shrink-0" />
            {message.file.name}
          </p>
        )}
        {message.text && <p className="whitespace-pre-wrap break-words">{message.text}</p>}
      </div>
      <span className="mt-0.5 px-1 text-[11px]" data-testid="message-status">
        {message.state === 'sending' ? (
          <span className="text-slate-400">{t.sending}</span>
        ) : (
          <span className="text-red-600">
            {t.notSent}
            {message.error ? `: ${message.error}` : ''} ·{' '}
            <button type="button" onClick={onRetry} className="font-medium underline">
              {t.retry}
            </button>
          </span>
        )}
      </span>
    </li>
  );
}
