'use client';

import { useCallback } from 'react';
import { WidgetApiError } from './api';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * A bot flow's "Show form" step: the form the history says the flow waits on, and sending
 * the answers (the flow then goes on; its next messages are loaded right away).
 */
export function useFlowForm(session: VisitorSession, state: ConversationState, refresh: () => Promise<void>) {
  const { api, withSession } = session;
  const { flowForm, setFlowForm } = state;
  const submit = useCallback(
    async (answers: unknown) => {
      if (!flowForm) return;
      try {
        await withSession(() => api.submitFlowForm({ key: flowForm.key, answers }));
      } catch (error) {
        // Answered elsewhere, or an agent took over meanwhile: the form goes, the chat goes on.
        if (!(error instanceof WidgetApiError) || error.status !== 409) throw error;
      }
      setFlowForm(null);
      await refresh().catch(() => {
        // The flow's next messages also arrive on the visitor's channel.
      });
    },
    [api, withSession, flowForm, setFlowForm, refresh],
  );
  return { form: flowForm, submit };
}
