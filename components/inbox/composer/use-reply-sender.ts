'use client';

import { useTransition, type RefObject } from 'react';
import { sendReplyAction } from '@/app/w/[slug]/inbox/actions';
import { sendContentAction } from '@/app/w/[slug]/inbox/conversation-actions';
import { markServerUnreachable, watchResult } from '@/components/layout/server-status';
import { composerKeys, tabStore } from './tab-store';
import type { Uploaded } from './use-attachment-upload';

type Attempt = { key: string; text: string; note: boolean };

function readAttempt(raw: string | null): Attempt | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Attempt>;
    return typeof value.key === 'string' && typeof value.text === 'string' && typeof value.note === 'boolean' ? (value as Attempt) : null;
  } catch {
    return null;
  }
}

/** Said when the server's answer never came: the send may or may not have been stored. */
export const UNREACHABLE_SEND = 'Baton could not be reached. Your text is kept: send it again, it will not be sent twice.';

/** 16 random bytes as base64url: a key for one text, unguessable and URL-safe. */
function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Sends what the composer holds: the uploaded file (the text its caption), or the text as
 * a reply or a note. A refused send shows why and keeps the text; focus returns to it.
 * A text carries a key that stays the same while the same text is sent again, so a send
 * whose answer was lost (the connection dropped, the server restarted) and is repeated
 * finds the first one stored instead of sending the customer the text twice.
 */
export function useReplySender({
  workspaceId,
  conversationId,
  note,
  upload,
  ready,
  area,
  setError,
  onSent,
}: {
  workspaceId: string;
  conversationId: string;
  note: boolean;
  /** The file to send (never with a note). */
  upload: Uploaded | null;
  /** Not blocked by the reply window, no upload in progress. */
  ready: boolean;
  area: RefObject<HTMLTextAreaElement | null>;
  setError(error: string | null): void;
  onSent(): void;
}) {
  const [pending, start] = useTransition();
  // The key of the last text tried and not confirmed, kept for the tab (a reload must not
  // turn a repeat into a second reply); a different text gets a new key.
  const pendingKey = composerKeys.pendingSend(workspaceId, conversationId);
  const keyFor = (text: string) => {
    const saved = readAttempt(tabStore.get(pendingKey));
    if (saved && saved.text === text && saved.note === note) return saved.key;
    const attempt: Attempt = { key: newClientKey(), text, note };
    tabStore.set(pendingKey, JSON.stringify(attempt));
    return attempt.key;
  };

  const send = (text: string) => {
    const body = text.trim();
    if (pending || !ready || (!body && !upload)) return;
    start(async () => {
      setError(null);
      try {
        const result = upload
          ? await sendContentAction({ workspaceId, conversationId, content: { kind: 'file', fileId: upload.id, ...(body ? { caption: body } : {}) } })
          : await sendReplyAction({ workspaceId, conversationId, text: body, note, clientKey: keyFor(body) });
        if (watchResult(result).ok) {
          tabStore.set(pendingKey, null);
          onSent();
        } else if (!result.ok) setError(result.error);
      } catch {
        markServerUnreachable();
        setError(UNREACHABLE_SEND);
      }
      area.current?.focus();
    });
  };

  return { pending, send };
}
