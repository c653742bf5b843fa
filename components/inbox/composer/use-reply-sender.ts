'use client';

import { useTransition, type RefObject } from 'react';
import { sendReplyAction } from '@/app/w/[slug]/inbox/actions';
import { sendContentAction } from '@/app/w/[slug]/inbox/conversation-actions';
import type { Uploaded } from './use-attachment-upload';

/**
 * Sends what the composer holds: the uploaded file (the text its caption), or the text as
 * a reply or a note. A refused send shows why and keeps the text; focus returns to it.
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

  const send = (text: string) => {
    const body = text.trim();
    if (pending || !ready || (!body && !upload)) return;
    start(async () => {
      setError(null);
      const result = upload
        ? await sendContentAction({ workspaceId, conversationId, content: { kind: 'file', fileId: upload.id, ...(body ? { caption: body } : {}) } })
        : await sendReplyAction({ workspaceId, conversationId, text: body, note });
      if (result.ok) onSent();
      else setError(result.error);
      area.current?.focus();
    });
  };

  return { pending, send };
}
