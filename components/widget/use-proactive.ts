'use client';

import { useEffect, useState } from 'react';
import { listenToParent } from './bridge';

// An action rule on the shop's page (public/widget-rules.js via the loader) can greet the
// visitor with a message from the shop, and offer a bot flow that their conversation then
// starts with. The message is shown, not stored; the flow id rides on the visitor's messages
// (the server starts it only for a new conversation, and only if a rule of the channel offers it).

let offered: string | null = null;

/** The flow an action rule offered in this page view, for the messages the visitor sends. */
export function offeredFlowId(): string | null {
  return offered;
}

export function useProactive(parentOrigin: string | null): { text: string | null } {
  const [text, setText] = useState<string | null>(null);
  useEffect(
    () =>
      listenToParent(parentOrigin, (message) => {
        if (message.type !== 'proactive') return;
        if (typeof message.flowId === 'string' && /^[0-9a-f-]{36}$/i.test(message.flowId)) offered = message.flowId;
        if (typeof message.text === 'string' && message.text.trim()) setText(message.text.trim().slice(0, 500));
      }),
    [parentOrigin],
  );
  return { text };
}
