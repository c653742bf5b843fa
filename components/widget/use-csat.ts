'use client';

import { useCallback, useEffect, useState } from 'react';
import type { CsatOfferView } from '@/lib/widget/forms/views';
import type { ConversationState } from './use-conversation-state';
import type { VisitorSession } from './use-visitor-session';

/**
 * The rating card after an agent resolves: asked of the server when the visitor is known,
 * when the resolve is announced on the visitor's channel, and when the visitor writes again
 * (a new conversation: the offer goes).
 */
export function useCsat(session: VisitorSession, state: ConversationState) {
  const [offer, setOffer] = useState<CsatOfferView>(null);
  const [thanked, setThanked] = useState(false);
  const { api, visitor } = session;
  const visitorMessages = state.messages.filter((m) => m.from === 'visitor').length;

  const check = useCallback(() => {
    if (!visitor) return;
    api
      .csatOffer()
      .then((r) => setOffer(r.offer))
      .catch(() => {
        // No card then; the chat goes on.
      });
  }, [api, visitor]);

  useEffect(check, [check, visitorMessages]);

  const rate = useCallback(
    async (rating: number, comment: string) => {
      if (!offer) return;
      await api.rate({ conversationId: offer.conversationId, rating, ...(comment.trim() ? { comment } : {}) });
      setOffer(null);
      setThanked(true);
    },
    [api, offer],
  );

  return { offer, thanked, rate, onResolved: check };
}
