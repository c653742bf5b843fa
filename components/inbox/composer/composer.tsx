'use client';

import { useRef, useState } from 'react';
import { useDraft } from './use-draft';
import type { ChannelKind, OutboundMessage } from '@/channels/types';
import { applySuggestion } from '@/lib/composer/trigger';
import { fillVariables, type ComposerVariables } from '@/lib/composer/variables';
import { ContactPanel, LinkPanel, LocationPanel } from '../conversation/attachment-panels';
import { TemplatePicker } from '../conversation/template-picker';
import { ArticlePanel } from './article-panel';
import { OptinPanel } from './optin-panel';
import { AttachButtons, type Panel } from './attach-buttons';
import { PendingAttachment, RecordingBar, ReplyWindowNotice, type ComposerWindow } from './composer-notices';
import { ReplyInput } from './reply-input';
import { useAttachmentUpload } from './use-attachment-upload';
import { useCustomerTyping } from './use-customer-typing';
import { useReplySender } from './use-reply-sender';
import { useSuggestionLookup } from './use-suggestion-lookup';
import { useVoiceRecorder } from './use-voice-recorder';

export type { ComposerWindow } from './composer-notices';

/** Channels that can show the customer "agent is typing…". */
const CUSTOMER_TYPING: ChannelKind[] = ['web', 'facebook'];

type ComposerProps = {
  workspaceId: string;
  conversationId: string;
  window: ComposerWindow;
  channelKind: ChannelKind;
  outboundKinds: OutboundMessage['kind'][];
  maxTextLength: number;
  /** Whether the channel takes audio messages (recorded in the composer or attached). */
  audio: boolean;
  variables: ComposerVariables;
  onSent?(): void;
  /** Tells the other agents viewing the conversation (presence). */
  onTyping?(typing: boolean, note: boolean): void;
  /** More controls in the bar under the reply (co-browsing on website chats). */
  tools?: React.ReactNode;
};

function placeholderFor({ note, blocked, templateOffer, upload }: { note: boolean; blocked: boolean; templateOffer: boolean; upload: boolean }) {
  if (note) return 'Write a note only your team sees…';
  if (blocked) return templateOffer ? 'Only template messages can be sent now' : 'Replying is not possible right now';
  if (upload) return 'Add a caption (optional), then press Enter';
  return 'Type a reply… / for shortcuts, # for text blocks (Enter to send, Shift+Enter for a new line)';
}

function focusAt(area: HTMLTextAreaElement | null, caret: number) {
  area?.focus();
  area?.setSelectionRange(caret, caret);
}

function FormError({ error }: { error: string }) {
  return (
    <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-700">
      {error}
    </p>
  );
}

/** The open attachment or template form, beside the reply form (a form never nests in another). */
function OpenPanel({ panel, canAttach, templateOffer, ids, onClose, onSent }: {
  panel: Panel;
  canAttach: boolean;
  templateOffer: boolean;
  ids: { workspaceId: string; conversationId: string };
  onClose(): void;
  onSent(): void;
}) {
  if (panel === 'template' && templateOffer) return <TemplatePicker {...ids} onClose={onClose} onSent={onSent} />;
  if (!canAttach) return null;
  if (panel === 'link') return <LinkPanel {...ids} onClose={onClose} onSent={onSent} />;
  if (panel === 'location') return <LocationPanel {...ids} onClose={onClose} onSent={onSent} />;
  if (panel === 'contact') return <ContactPanel {...ids} onClose={onClose} onSent={onSent} />;
  if (panel === 'article') return <ArticlePanel {...ids} onClose={onClose} onSent={onSent} />;
  if (panel === 'optin') return <OptinPanel {...ids} onClose={onClose} onSent={onSent} />;
  return null;
}

/** Under the textarea: the note switch, the attachments (children) and Send. */
function ReplyBar({ note, onNote, pending, sendDisabled, children }: { note: boolean; onNote(note: boolean): void; pending: boolean; sendDisabled: boolean; children: React.ReactNode }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-1.5 text-sm text-slate-700 max-md:min-h-11">
        <input type="checkbox" checked={note} onChange={(e) => onNote(e.target.checked)} />
        Note
      </label>
      {children}
      <button
        type="submit"
        disabled={sendDisabled}
        className={`ml-auto rounded-md px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50 max-md:min-h-11 ${note ? 'bg-amber-600 hover:bg-amber-700' : 'bg-brand-600 hover:bg-brand-700'}`}
      >
        {pending ? 'Sending…' : note ? 'Add note' : 'Send'}
      </button>
    </div>
  );
}

/**
 * Reply or note. Enter sends, Shift+Enter adds a line. `/` opens message shortcuts and `#`
 * text blocks (filled with the customer's, agent's and shop's names on insert); the
 * channel's attachments; on WhatsApp past 24 hours, templates. A refused send (someone
 * else took the chat, the window closed) shows why and keeps the text.
 */
export function Composer({ workspaceId, conversationId, window, channelKind, outboundKinds, maxTextLength, audio, variables, onSent, onTyping, tools }: ComposerProps) {
  const [text, setText] = useDraft(workspaceId, conversationId);
  const [note, setNote] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const files = useAttachmentUpload(workspaceId, conversationId, setError);
  const recorder = useVoiceRecorder({ onRecorded: (file, durationMs) => void files.choose(file, durationMs), setError });
  const recording = recorder.state.phase !== 'idle';
  const customerTyping = useCustomerTyping({ workspaceId, conversationId, note, customerSees: !note && window.state === 'open' && CUSTOMER_TYPING.includes(channelKind) });

  // Past Messenger's 7 days a usable opt-in still carries a text (only a text).
  const byNotification = window.state === 'closed' && Boolean(window.notification?.usable);
  const blocked = !note && ((window.state === 'closed' && !byNotification) || window.state === 'templates_only');
  const canAttach = !note && !blocked && !byNotification;
  // An opt-in request is an ordinary message: only inside the 24 h window.
  const can = (kind: OutboundMessage['kind']) => outboundKinds.includes(kind) && (kind !== 'optin_request' || window.state === 'open');
  const templateOffer = !note && window.state === 'templates_only' && can('template');
  const upload = note ? null : files.upload;

  const typed = (value: string) => {
    onTyping?.(value.trim() !== '', note);
    customerTyping.typed(value);
  };
  const suggestions = useSuggestionLookup(workspaceId, (item, trigger) => {
    const next = applySuggestion(text, trigger, fillVariables(item.insert, variables));
    setText(next.text);
    typed(next.text);
    requestAnimationFrame(() => focusAt(area.current, next.caret));
  });

  const finish = () => {
    setText('');
    files.clear();
    setPanel(null);
    customerTyping.stop();
    onTyping?.(false, note);
    onSent?.();
  };

  const sender = useReplySender({ workspaceId, conversationId, note, upload, ready: !blocked && !files.uploading && !recording, area, setError, onSent: finish });
  const submit = () => sender.send(text);

  return (
    <div className={`border-t p-3 ${note ? 'border-amber-200 bg-amber-50' : 'border-slate-200 bg-white'}`}>
      {window.state !== 'open' && !note && <ReplyWindowNotice window={window} blocked={blocked} offerTemplate={templateOffer && panel !== 'template' ? () => setPanel('template') : null} />}
      <OpenPanel panel={panel} canAttach={canAttach} templateOffer={templateOffer} ids={{ workspaceId, conversationId }} onClose={() => setPanel(null)} onSent={finish} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        aria-label="Reply"
      >
        {error && <FormError error={error} />}
        {recording && (
          <RecordingBar elapsedMs={recorder.state.phase === 'recording' ? recorder.state.elapsedMs : 0} starting={recorder.state.phase === 'starting'} onStop={recorder.stop} onCancel={recorder.cancel} />
        )}
        {upload && <PendingAttachment upload={upload} onRemove={files.clear} />}
        <ReplyInput
          conversationId={conversationId}
          area={area}
          text={text}
          note={note}
          disabled={blocked}
          maxLength={note ? 4000 : Math.min(4000, maxTextLength)}
          placeholder={placeholderFor({ note, blocked, templateOffer, upload: Boolean(upload) })}
          suggestions={suggestions}
          onText={(value, caret) => {
            setText(value);
            suggestions.update(value, caret);
            typed(value);
          }}
          onEnter={submit}
        />
        <ReplyBar note={note} onNote={setNote} pending={sender.pending} sendDisabled={sender.pending || files.uploading || recording || blocked || (!text.trim() && !upload)}>
          {canAttach && (
            <AttachButtons conversationId={conversationId} channelKind={channelKind} audio={audio} recording={recording || files.uploading} onRecord={recorder.start} can={can} panel={panel} onPanel={setPanel} uploading={files.uploading} fileInput={files.fileInput} onFile={(file) => void files.choose(file)} />
          )}
          {tools}
        </ReplyBar>
      </form>
    </div>
  );
}
