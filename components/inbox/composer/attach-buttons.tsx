'use client';

import type { RefObject } from 'react';
import type { ChannelKind, OutboundMessage } from '@/channels/types';
import { channelLabel } from '@/components/ui/channel-icon';
import { Bell, BookOpen, Link as LinkIcon, MapPin, Mic, Paperclip, UserRound } from 'lucide-react';

export type Panel = 'link' | 'location' | 'contact' | 'template' | 'article' | 'optin' | null;

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,video/mp4,video/quicktime,video/3gpp,video/webm,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.txt,.csv';
/** Audio files, where the channel takes audio (converted in sending when it needs another format). */
const AUDIO_ACCEPT = 'audio/mpeg,audio/mp4,audio/x-m4a,audio/aac,audio/ogg,audio/opus,audio/wav,audio/webm,audio/amr,.mp3,.m4a,.aac,.ogg,.opus,.wav,.amr';
// Icons beside a visible label are decorative: lucide marks them aria-hidden.
const icon = 'size-4 shrink-0';
const attachButton = 'inline-flex items-center gap-1 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 max-md:min-h-11';

/**
 * The attachments the channel can send: a file (uploaded at once), a voice recording where
 * the channel takes audio (else a note saying it does not), a link, a location, a contact
 * card, a help-centre article.
 */
export function AttachButtons({
  conversationId,
  channelKind,
  audio,
  recording,
  onRecord,
  can,
  panel,
  onPanel,
  uploading,
  fileInput,
  onFile,
}: {
  conversationId: string;
  channelKind: ChannelKind;
  /** Whether the channel takes audio messages. */
  audio: boolean;
  /** A recording is under way (or the microphone is being asked for). */
  recording: boolean;
  onRecord(): void;
  can(kind: OutboundMessage['kind']): boolean;
  panel: Panel;
  onPanel(panel: Panel): void;
  uploading: boolean;
  fileInput: RefObject<HTMLInputElement | null>;
  onFile(file: File): void;
}) {
  const toggle = (which: Exclude<Panel, null>) => onPanel(panel === which ? null : which);
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label="Attachments">
      {can('media') && (
        <>
          <input
            ref={fileInput}
            type="file"
            accept={audio ? `${ACCEPT},${AUDIO_ACCEPT}` : ACCEPT}
            className="sr-only"
            id={`attach-${conversationId}`}
            tabIndex={-1}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onFile(file);
            }}
          />
          <button type="button" onClick={() => fileInput.current?.click()} disabled={uploading} className={attachButton} title="Image (up to 4 MB), video or file (up to 25 MB)">
            <Paperclip className={icon} />
            {uploading ? 'Uploading…' : 'File'}
          </button>
          {audio && (
            <button type="button" onClick={onRecord} disabled={uploading || recording} className={attachButton} aria-label="Record a voice message" title="Record a voice message">
              <Mic className={icon} />
              Record
            </button>
          )}
          <button type="button" onClick={() => toggle('link')} aria-pressed={panel === 'link'} className={attachButton}>
            <LinkIcon className={icon} />
            Link
          </button>
        </>
      )}
      {!audio && (
        <span className="px-2 text-xs text-slate-500" data-testid="no-audio">
          {channelLabel(channelKind)} can’t receive audio
        </span>
      )}
      {can('location') && (
        <button type="button" onClick={() => toggle('location')} aria-pressed={panel === 'location'} className={attachButton}>
          <MapPin className={icon} />
          Location
        </button>
      )}
      {can('contact') && (
        <button type="button" onClick={() => toggle('contact')} aria-pressed={panel === 'contact'} className={attachButton}>
          <UserRound className={icon} />
          Contact
        </button>
      )}
      {can('optin_request') && (
        <button type="button" onClick={() => toggle('optin')} aria-pressed={panel === 'optin'} className={attachButton} title="Ask the customer to opt in to notifications">
          <Bell className={icon} />
          Opt-in
        </button>
      )}
      {can('article') && (
        <button type="button" onClick={() => toggle('article')} aria-pressed={panel === 'article'} className={attachButton}>
          <BookOpen className={icon} />
          Article
        </button>
      )}
    </div>
  );
}
