'use client';

import { formatDuration, formatFileSize } from '@/lib/files/file-links';
import { FileText, Film, Image as ImageIcon, Mic, Square, X } from 'lucide-react';
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

/** The uploaded file waiting to go out with the next reply; audio with a player to listen before sending. */
export function PendingAttachment({ upload, onRemove }: { upload: Uploaded; onRemove(): void }) {
  if (upload.kind === 'audio') {
    const length = formatDuration(upload.durationMs);
    return (
      <div className="mb-2 flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-slate-50 px-2 py-1 text-sm" data-testid="pending-attachment">
        <Mic className={icon} />
        <span className="truncate">{upload.name}</span>
        {length && <span className="text-xs text-slate-500">{length}</span>}
        <audio src={`/api/files/${upload.id}`} controls preload="metadata" className="h-9 w-full max-w-xs" aria-label={`Listen to ${upload.name} before sending`} />
        <button type="button" onClick={onRemove} className="ml-auto text-xs text-slate-600 hover:underline max-md:min-h-11" aria-label={`Discard ${upload.name}`}>
          Discard
        </button>
      </div>
    );
  }
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

/** While the microphone records: the time so far, Stop (keeps it for listening and sending) and Cancel (throws it away). */
export function RecordingBar({ elapsedMs, starting, onStop, onCancel }: { elapsedMs: number; starting: boolean; onStop(): void; onCancel(): void }) {
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 rounded border border-red-200 bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="recording" role="group" aria-label="Voice recording">
      <span className="size-2.5 shrink-0 animate-pulse rounded-full bg-red-600" aria-hidden />
      <span role="status" aria-live="off">
        {starting ? 'Waiting for the microphone…' : <>Recording <time className="tabular-nums">{formatDuration(elapsedMs)}</time></>}
      </span>
      <button
        type="button"
        onClick={onStop}
        disabled={starting}
        autoFocus
        className="ml-auto inline-flex items-center gap-1 rounded bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-700 disabled:opacity-50 max-md:min-h-11"
      >
        <Square className={icon} />
        Stop
      </button>
      <button type="button" onClick={onCancel} className="inline-flex items-center gap-1 rounded px-2 py-1 hover:bg-red-100 max-md:min-h-11">
        <X className={icon} />
        Cancel
      </button>
    </div>
  );
}
