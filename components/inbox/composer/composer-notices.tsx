'use client';

import { formatFileSize } from '@/lib/files/file-links';
import { FileText, Film, Image as ImageIcon } from 'lucide-react';
import type { Uploaded } from './use-attachment-upload';

export type ComposerWindow = {
  state: 'open' | 'human_agent' | 'templates_only' | 'closed';
  reason?: string;
  /** Messenger outside 24 h: whether the customer's notification opt-in carries the next text, and what to say. */
  notification?: { usable: boolean; text: string };
};

const icon = 'size-4 shrink-0';

/** Why replying is limited or impossible now, with the way out (a template) where there is one. */
export function ReplyWindowNotice({ window, blocked, offerTemplate }: { window: ComposerWindow; blocked: boolean; offerTemplate: (() => void) | null }) {
  return (
    <p data-testid="reply-window" className={`mb-2 rounded px-2 py-1 text-xs ${blocked ? 'bg-red-50 text-red-700' : 'bg-amber-50 text-amber-800'}`} role="status">
      {window.notification?.usable ? window.notification.text : window.reason}
      {window.notification && !window.notification.usable && <span data-testid="optin-notice"> {window.notification.text}.</span>}
      {offerTemplate && (
        <button type="button" onClick={offerTemplate} className="ml-2 rounded border border-current px-2 py-0.5 font-medium hover:bg-white">
          Send template message
        </button>
      )}
    </p>
  );
}

/** The uploaded file waiting to go out with the next reply. */
export function PendingAttachment({ upload, onRemove }: { upload: Uploaded; onRemove(): void }) {
  return (
    <p className="mb-2 flex items-center gap-2 rounded border border-slate-200 bg-slate-50 px-2 py-1 text-sm" data-testid="pending-attachment">
      {upload.kind === 'image' ? <ImageIcon className={icon} /> : upload.kind === 'video' ? <Film className={icon} /> : <FileText className={icon} />}
      <span className="truncate">{upload.name}</span>
      <span className="text-xs text-slate-500">{formatFileSize(upload.size)}</span>
      <button type="button" onClick={onRemove} className="ml-auto text-xs text-slate-600 hover:underline" aria-label={`Remove ${upload.name}`}>
        Remove
      </button>
    </p>
  );
}
