'use client';

import { useCallback, useEffect, useState } from 'react';
import type { PreChatForm } from '@/lib/widget/forms/definition';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * The pre-chat form: asked (per the server) before a new visitor's first message, and
 * never once the conversation has messages. Sending it makes the visitor's session.
 */
export function usePreChat(session: VisitorSession, state: ConversationState) {
  const [form, setForm] = useState<PreChatForm | null>(null);
  const [needed, setNeeded] = useState(false);
  const { api, visitor, withSession } = session;

  useEffect(() => {
    let live = true;
    api
      .preChat()
      .then((s) => {
        if (!live) return;
        setForm(s.form);
        setNeeded(s.needed);
      })
      .catch(() => {
        // Without the form's state the chat works as before: nothing to ask.
      });
    return () => {
      live = false;
    };
  }, [api, visitor]);

  const submit = useCallback(
    async (answers: unknown) => {
      await withSession(() => api.submitPreChat(answers));
      setNeeded(false);
    },
    [api, withSession],
  );

  // Once asked, the form stays while the session it starts loads (the phase changes
  // meanwhile), so what the visitor typed and the server's answer are not lost.
  const settled = state.phase === 'idle' || state.phase === 'ready';
  const fresh = state.messages.length === 0 && state.pending.length === 0;
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (form && needed && settled && fresh) setAsked(true);
  }, [form, needed, settled, fresh]);
  const show = Boolean(form) && needed && fresh && (asked || settled);
  return { form, show, submit };
}
