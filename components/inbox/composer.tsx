'use client';

import { useCallback, useEffect, useId, useRef, useState, useTransition } from 'react';
import { sendReplyAction } from '@/app/w/[slug]/inbox/actions';
import { agentTypingAction, composerLookupAction, sendContentAction } from '@/app/w/[slug]/inbox/conversation-actions';
import type { ChannelKind, OutboundMessage } from '@/channels/types';
import { applySuggestion, findTrigger, type Trigger } from '@/lib/composer/trigger';
import { fillVariables, type ComposerVariables } from '@/lib/composer/variables';
import { formatFileSize } from '@/lib/files/file-links';
import { ContactPanel, LinkPanel, LocationPanel } from './conversation/attachment-panels';
import { SuggestionList, type Suggestion } from './conversation/suggestions';
import { TemplatePicker } from './conversation/template-picker';
import { FileText, Film, Image as ImageIcon, Link as LinkIcon, MapPin, Paperclip, UserRound } from 'lucide-react';

export type ComposerWindow = { state: 'open' | 'human_agent' | 'templates_only' | 'closed'; reason?: string };

type Panel = 'link' | 'location' | 'contact' | 'template' | null;
type Uploaded = { id: string; name: string; size: number; kind: 'image' | 'video' | 'file' };
type Lookup = { trigger: Trigger; items: Suggestion[]; active: number; loading: boolean };

const MB = 1024 * 1024;
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,video/mp4,video/quicktime,video/3gpp,video/webm,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.txt,.csv';
/** Channels that can show the customer "agent is typing…". */
const CUSTOMER_TYPING: ChannelKind[] = ['web', 'facebook'];
const CUSTOMER_TYPING_REFRESH_MS = 3_000;
const CUSTOMER_TYPING_IDLE_MS = 5_000;
// Icons beside a visible label are decorative: lucide marks them aria-hidden.
const icon = 'size-4 shrink-0';
const attachButton = 'inline-flex items-center gap-1 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100';

/**
 * Reply or note. Enter sends, Shift+Enter adds a line. `/` opens message shortcuts and `#`
 * text blocks (filled with the customer's, agent's and shop's names on insert); the
 * channel's attachments; on WhatsApp past 24 hours, templates. A refused send (someone
 * else took the chat, the window closed) shows why and keeps the text.
 */
export function Composer({
  workspaceId,
  conversationId,
  window,
  channelKind,
  outboundKinds,
  maxTextLength,
  variables,
  onSent,
  onTyping,
}: {
  workspaceId: string;
  conversationId: string;
  window: ComposerWindow;
  channelKind: ChannelKind;
  outboundKinds: OutboundMessage['kind'][];
  maxTextLength: number;
  variables: ComposerVariables;
  onSent?(): void;
  /** Tells the other agents viewing the conversation (presence). */
  onTyping?(typing: boolean, note: boolean): void;
}) {
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [panel, setPanel] = useState<Panel>(null);
  const [upload, setUpload] = useState<Uploaded | null>(null);
  const [uploading, setUploading] = useState(false);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const dismissedAt = useRef<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const listId = useId();
  const customerTyping = useRef<{ on: boolean; at: number; idle?: ReturnType<typeof setTimeout> }>({ on: false, at: 0 });

  const blocked = !note && (window.state === 'closed' || window.state === 'templates_only');
  const canAttach = !note && !blocked;
  const can = (kind: OutboundMessage['kind']) => outboundKinds.includes(kind);
  const limit = note ? 4000 : Math.min(4000, maxTextLength);

  // ---------- "agent is typing…" for the customer (throttled server action) ----------

  const stopCustomerTyping = useCallback(() => {
    const t = customerTyping.current;
    clearTimeout(t.idle);
    if (!t.on) return;
    t.on = false;
    void agentTypingAction({ workspaceId, conversationId, typing: false });
  }, [workspaceId, conversationId]);

  const customerSeesTyping = !note && window.state === 'open' && CUSTOMER_TYPING.includes(channelKind);
  const typed = (value: string) => {
    onTyping?.(value.trim() !== '', note);
    if (!customerSeesTyping || !value.trim()) return stopCustomerTyping();
    const t = customerTyping.current;
    const now = Date.now();
    if (!t.on || now - t.at >= CUSTOMER_TYPING_REFRESH_MS) {
      t.on = true;
      t.at = now;
      void agentTypingAction({ workspaceId, conversationId, typing: true });
    }
    clearTimeout(t.idle);
    t.idle = setTimeout(stopCustomerTyping, CUSTOMER_TYPING_IDLE_MS);
  };
  useEffect(() => () => stopCustomerTyping(), [stopCustomerTyping]);
  useEffect(() => {
    if (note) stopCustomerTyping();
  }, [note, stopCustomerTyping]);

  // ---------- `/` shortcuts and `#` text blocks ----------

  const updateTrigger = (value: string, caret: number) => {
    const trigger = findTrigger(value, caret);
    if (!trigger || trigger.start !== dismissedAt.current) dismissedAt.current = null;
    if (!trigger || dismissedAt.current === trigger.start) return setLookup(null);
    setLookup((prev) =>
      prev && prev.trigger.kind === trigger.kind && prev.trigger.start === trigger.start
        ? { ...prev, trigger, loading: prev.trigger.query !== trigger.query || prev.loading }
        : { trigger, items: [], active: 0, loading: true },
    );
  };

  const triggerKey = lookup ? `${lookup.trigger.kind}:${lookup.trigger.start}:${lookup.trigger.query}` : null;
  useEffect(() => {
    if (!lookup) return;
    const { kind, query, start } = lookup.trigger;
    let live = true;
    const timer = setTimeout(async () => {
      const result = await composerLookupAction({ workspaceId, kind, query });
      if (!live) return;
      const items: Suggestion[] = !result.ok
        ? []
        : result.data.kind === 'shortcut'
          ? result.data.items.map((s) => ({ id: s.id, title: `/${s.shortcut}`, detail: s.text, insert: s.text }))
          : result.data.items.map((b) => ({ id: b.id, title: b.title, group: b.category, detail: b.body, insert: b.body }));
      setLookup((prev) =>
        prev && prev.trigger.kind === kind && prev.trigger.start === start && prev.trigger.query === query
          ? { ...prev, items, active: Math.min(prev.active, Math.max(0, items.length - 1)), loading: false }
          : prev,
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when the trigger changes only
  }, [triggerKey, workspaceId]);

  const pick = (item: Suggestion) => {
    if (!lookup) return;
    const filled = fillVariables(item.insert, variables);
    const next = applySuggestion(text, lookup.trigger, filled);
    setText(next.text);
    setLookup(null);
    typed(next.text);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  // ---------- sending ----------

  const finish = () => {
    setText('');
    setUpload(null);
    setPanel(null);
    stopCustomerTyping();
    onTyping?.(false, note);
    onSent?.();
  };

  const submit = () => {
    const body = text.trim();
    if (pending || uploading) return;
    if (upload && !note) {
      if (blocked) return;
      start(async () => {
        setError(null);
        const result = await sendContentAction({ workspaceId, conversationId, content: { kind: 'file', fileId: upload.id, ...(body ? { caption: body } : {}) } });
        if (result.ok) finish();
        else setError(result.error);
        area.current?.focus();
      });
      return;
    }
    if (!body || blocked) return;
    start(async () => {
      setError(null);
      const result = await sendReplyAction({ workspaceId, conversationId, text: body, note });
      if (result.ok) finish();
      else setError(result.error);
      area.current?.focus();
    });
  };

  const chooseFile = async (file: File) => {
    setError(null);
    const isImage = file.type.startsWith('image/');
    const max = isImage ? 4 * MB : 25 * MB;
    if (file.size > max) return setError(`${isImage ? 'Images' : 'Files'} can be at most ${max / MB} MB.`);
    setUploading(true);
    try {
      const form = new FormData();
      form.set('workspaceId', workspaceId);
      form.set('conversationId', conversationId);
      form.set('file', file);
      const response = await fetch(`/api/files?workspaceId=${encodeURIComponent(workspaceId)}`, { method: 'POST', body: form });
      const result = (await response.json().catch(() => null)) as { ok: true; data: Uploaded } | { ok: false; error: string } | null;
      if (result?.ok) setUpload(result.data);
      else setError(result?.error ?? `The upload failed (HTTP ${response.status}).`);
    } catch {
      setError('The upload failed. Check your connection and try again.');
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (lookup) {
      const n = lookup.items.length;
      if (e.key === 'ArrowDown' && n > 0) {
        e.preventDefault();
        return setLookup({ ...lookup, active: (lookup.active + 1) % n });
      }
      if (e.key === 'ArrowUp' && n > 0) {
        e.preventDefault();
        return setLookup({ ...lookup, active: (lookup.active - 1 + n) % n });
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && n > 0) {
        e.preventDefault();
        return pick(lookup.items[lookup.active]);
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        dismissedAt.current = lookup.trigger.start;
        return setLookup(null);
      }
      // Results on their way: Enter must not send the half-typed "/sh" by accident.
      if (e.key === 'Enter' && !e.shiftKey && lookup.loading) {
        e.preventDefault();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  const lookupLabel = lookup?.trigger.kind === 'shortcut' ? 'Message shortcuts' : 'Text blocks';
  const showTemplateOffer = !note && window.state === 'templates_only' && can('template');
  const placeholder = note
    ? 'Write a note only your team sees…'
    : blocked
      ? showTemplateOffer
        ? 'Only template messages can be sent now'
        : 'Replying is not possible right now'
      : upload
        ? 'Add a caption (optional), then press Enter'
        : 'Type a reply… / for shortcuts, # for text blocks (Enter to send, Shift+Enter for a new line)';

  // The panels are forms of their own (native validation, Enter submits them), so they sit
  // beside the reply form, never inside it: a nested form is invalid HTML and its submit
  // would reach the outer form or the browser's default navigation.
  return (
    <div className={`border-t p-3 ${note ? 'border-amber-200 bg-amber-50' : 'border-slate-200 bg-white'}`}>
      {window.state !== 'open' && !note && (
        <p data-testid="reply-window" className={`mb-2 rounded px-2 py-1 text-xs ${blocked ? 'bg-red-50 text-red-700' : 'bg-amber-50 text-amber-800'}`} role="status">
          {window.reason}
          {showTemplateOffer && panel !== 'template' && (
            <button type="button" onClick={() => setPanel('template')} className="ml-2 rounded border border-current px-2 py-0.5 font-medium hover:bg-white">
              Send template message
            </button>
          )}
        </p>
      )}
      {panel === 'template' && showTemplateOffer && (
        <TemplatePicker workspaceId={workspaceId} conversationId={conversationId} onClose={() => setPanel(null)} onSent={finish} />
      )}
      {canAttach && panel === 'link' && <LinkPanel workspaceId={workspaceId} conversationId={conversationId} onClose={() => setPanel(null)} onSent={finish} />}
      {canAttach && panel === 'location' && <LocationPanel workspaceId={workspaceId} conversationId={conversationId} onClose={() => setPanel(null)} onSent={finish} />}
      {canAttach && panel === 'contact' && <ContactPanel workspaceId={workspaceId} conversationId={conversationId} onClose={() => setPanel(null)} onSent={finish} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        aria-label="Reply"
      >
      {error && (
        <p role="alert" className="mb-2 rounded bg-red-50 px-2 py-1 text-sm text-red-700">
          {error}
        </p>
      )}
      {upload && !note && (
        <p className="mb-2 flex items-center gap-2 rounded border border-slate-200 bg-slate-50 px-2 py-1 text-sm" data-testid="pending-attachment">
          {upload.kind === 'image' ? <ImageIcon className={icon} /> : upload.kind === 'video' ? <Film className={icon} /> : <FileText className={icon} />}
          <span className="truncate">{upload.name}</span>
          <span className="text-xs text-slate-500">{formatFileSize(upload.size)}</span>
          <button type="button" onClick={() => setUpload(null)} className="ml-auto text-xs text-slate-600 hover:underline" aria-label={`Remove ${upload.name}`}>
            Remove
          </button>
        </p>
      )}
      <div className="relative">
        {lookup && (
          <SuggestionList
            id={listId}
            label={lookupLabel}
            items={lookup.items}
            active={lookup.active}
            loading={lookup.loading}
            emptyText={lookup.trigger.kind === 'shortcut' ? 'No shortcut matches. Admins add them under Settings → Message shortcuts.' : 'No text block matches.'}
            onPick={pick}
            onHover={(i) => setLookup((l) => (l ? { ...l, active: i } : l))}
          />
        )}
        <label htmlFor={`composer-${conversationId}`} className="sr-only">
          {note ? 'Internal note' : 'Reply to the customer'}
        </label>
        <textarea
          id={`composer-${conversationId}`}
          ref={area}
          value={text}
          disabled={blocked}
          aria-autocomplete="list"
          aria-controls={lookup ? listId : undefined}
          aria-activedescendant={lookup && lookup.items.length > 0 ? `${listId}-${lookup.active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            updateTrigger(e.target.value, e.target.selectionStart ?? e.target.value.length);
            typed(e.target.value);
          }}
          onSelect={(e) => {
            const t = e.currentTarget;
            if (t.selectionStart === t.selectionEnd) updateTrigger(t.value, t.selectionStart ?? t.value.length);
          }}
          onBlur={() => setLookup(null)}
          onKeyDown={onKeyDown}
          rows={2}
          maxLength={limit}
          placeholder={placeholder}
          className="block w-full resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none disabled:bg-slate-100"
        />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={note} onChange={(e) => setNote(e.target.checked)} />
          Note
        </label>
        {canAttach && (
          <div className="flex items-center gap-1" role="group" aria-label="Attachments">
            {can('media') && (
              <>
                <input
                  ref={fileInput}
                  type="file"
                  accept={ACCEPT}
                  className="sr-only"
                  id={`attach-${conversationId}`}
                  tabIndex={-1}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void chooseFile(file);
                  }}
                />
                <button type="button" onClick={() => fileInput.current?.click()} disabled={uploading} className={attachButton} title="Image (up to 4 MB), video or file (up to 25 MB)">
                  <Paperclip className={icon} />
                  {uploading ? 'Uploading…' : 'File'}
                </button>
                <button type="button" onClick={() => setPanel(panel === 'link' ? null : 'link')} aria-pressed={panel === 'link'} className={attachButton}>
                  <LinkIcon className={icon} />
                  Link
                </button>
              </>
            )}
            {can('location') && (
              <button type="button" onClick={() => setPanel(panel === 'location' ? null : 'location')} aria-pressed={panel === 'location'} className={attachButton}>
                <MapPin className={icon} />
                Location
              </button>
            )}
            {can('contact') && (
              <button type="button" onClick={() => setPanel(panel === 'contact' ? null : 'contact')} aria-pressed={panel === 'contact'} className={attachButton}>
                <UserRound className={icon} />
                Contact
              </button>
            )}
          </div>
        )}
        <button
          type="submit"
          disabled={pending || uploading || blocked || (!text.trim() && !(upload && !note))}
          className={`ml-auto rounded-md px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${note ? 'bg-amber-600 hover:bg-amber-700' : 'bg-brand-600 hover:bg-brand-700'}`}
        >
          {pending ? 'Sending…' : note ? 'Add note' : 'Send'}
        </button>
      </div>
      </form>
    </div>
  );
}
