import { formatDuration, formatFileSize, shownUrl } from '@/lib/files/file-links';
import type { MediaItem, MessageContent } from '@/lib/inbox/history-content';
import { LinkifiedText } from './linkified-text';
import { BookOpen, FileText, MapPin, Mic, UserRound } from 'lucide-react';
import { UnavailableAttachment } from './unavailable-attachment';

function External({ href, children, className }: { href: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className={className ?? 'underline underline-offset-2'}>
      {children}
    </a>
  );
}

/** Which message a view belongs to, for actions on its content (retrying an attachment). */
export type MessageRef = { workspaceId: string; messageId: string };

function Media({ item, messageRef }: { item: MediaItem; messageRef?: MessageRef }) {
  const label = item.name ?? (item.kind === 'image' ? 'Image' : item.kind === 'video' ? 'Video' : item.kind === 'audio' ? 'Voice message' : 'File');
  if (item.unavailable) return <UnavailableAttachment label={label} reason={item.unavailable} retry={item.retryable ? messageRef : null} />;
  if (!item.url) return <p className="italic">{label} (not available)</p>;
  switch (item.kind) {
    case 'image':
    case 'sticker':
      return (
        <External href={item.url} className="block">
          {/* eslint-disable-next-line @next/next/no-img-element -- our own stored files only */}
          <img src={item.url} alt={item.name ?? 'Image'} loading="lazy" referrerPolicy="no-referrer" className="max-h-72 max-w-full rounded-lg bg-slate-100 object-contain" />
        </External>
      );
    case 'video':
      return <video src={item.url} controls preload="metadata" className="max-h-72 max-w-full rounded-lg bg-black" aria-label={label} />;
    case 'audio': {
      // A voice note plays here, from our own stored file; its length as measured when stored or sent.
      const length = formatDuration(item.durationMs);
      return (
        <div className="space-y-1" data-testid="audio-message">
          <p className="flex items-center gap-1 text-xs opacity-80">
            <Mic className="size-3.5 shrink-0" />
            <span>{label}</span>
            {length && <time className="tabular-nums">· {length}</time>}
          </p>
          <audio src={item.url} controls preload="metadata" className="h-10 w-64 max-w-full" aria-label={length ? `${label}, ${length}` : label} />
        </div>
      );
    }
    default: {
      const size = formatFileSize(item.size);
      return (
        <a href={item.url} download={item.name ?? undefined} rel="noopener noreferrer nofollow" className="flex items-center gap-2 rounded-lg border border-current/20 px-3 py-2 hover:bg-black/5">
          <FileText className="size-5 shrink-0" />
          <span className="min-w-0">
            <span className="block truncate font-medium">{label}</span>
            {size && <span className="block text-xs opacity-75">{size}</span>}
          </span>
        </a>
      );
    }
  }
}

/** A message's content, rendered by kind. Never HTML: every string is text or a checked URL. */
// Long: one short case per message kind.
export function MessageContentView({ content, messageRef }: { content: MessageContent; messageRef?: MessageRef }) {
  switch (content.type) {
    case 'text':
      return content.text ? <LinkifiedText text={content.text} /> : <p className="italic">Empty message</p>;
    case 'media':
      return (
        <div className="space-y-1.5">
          {content.items.map((item, i) => (
            <Media key={i} item={item} messageRef={messageRef} />
          ))}
          {content.items.length === 0 && <p className="italic">Attachment</p>}
          {content.caption && <LinkifiedText text={content.caption} />}
        </div>
      );
    case 'location':
      return (
        <div>
          <p className="flex items-center gap-1 font-medium">
            <MapPin className="size-4 shrink-0" />
            {content.name ?? 'Location'}
          </p>
          {content.address && <p className="text-xs opacity-80">{content.address}</p>}
          <External href={content.mapUrl}>
            Open map ({content.latitude.toFixed(5)}, {content.longitude.toFixed(5)})
          </External>
        </div>
      );
    case 'contact':
      return (
        <div className="space-y-2">
          {content.contacts.map((c, i) => (
            <div key={i} className="rounded-lg border border-current/20 px-3 py-2">
              <p className="flex items-center gap-1 font-medium">
                <UserRound className="size-4 shrink-0" />
                {c.name}
              </p>
              {c.phones.map((p) => (
                <p key={p} className="text-xs">
                  <a href={`tel:${p.replace(/[^\d+]/g, '')}`} className="underline underline-offset-2">
                    {p}
                  </a>
                </p>
              ))}
              {c.emails.map((e) => (
                <p key={e} className="text-xs">
                  {e}
                </p>
              ))}
            </div>
          ))}
        </div>
      );
    case 'product':
      return (
        <div className="w-56 overflow-hidden rounded-lg border border-current/20 bg-white text-slate-900">
          {content.imageUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- product images, stored by Baton
            <img src={shownUrl(content.imageUrl)} alt="" loading="lazy" referrerPolicy="no-referrer" className="h-36 w-full object-cover" />
          )}
          <div className="p-2">
            <p className="font-medium">{content.name}</p>
            {content.price && <p className="text-sm text-slate-700">{content.price}</p>}
            {content.description && <p className="text-xs text-slate-500">{content.description}</p>}
            {content.url && (
              <External href={content.url} className="text-xs text-brand-600 underline">
                View product
              </External>
            )}
          </div>
        </div>
      );
    case 'article':
      return (
        <div className="w-60 max-w-full rounded-lg border border-current/20 bg-white p-2 text-slate-900" data-testid="article-card">
          <p className="flex items-center gap-1 text-xs font-medium uppercase tracking-wide text-slate-500">
            <BookOpen className="size-3.5" aria-hidden /> Article
          </p>
          <p className="font-medium">{content.title}</p>
          {content.excerpt && <p className="text-xs text-slate-600">{content.excerpt}</p>}
          {content.url && (
            <External href={content.url} className="text-xs text-brand-600 underline">
              Open article
            </External>
          )}
        </div>
      );
    case 'template':
      return (
        <div>
          <p className="text-xs font-medium tracking-wide opacity-80">{`Template · ${content.name}${content.language ? ` (${content.language})` : ''}`}</p>
          {content.text ? (
            <LinkifiedText text={content.text} />
          ) : content.parameters.length > 0 ? (
            <p className="text-xs">Parameters: {content.parameters.join(', ')}</p>
          ) : null}
        </div>
      );
    case 'unsupported':
      return <p className="italic">Unsupported message: {content.description}</p>;
  }
}
