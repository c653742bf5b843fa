'use client';

import { useEffect, useState } from 'react';
import { listenToParent } from './bridge';

// An action rule on the shop's page (public/widget-rules.js via the loader) can greet the
// visitor with a message from the shop, and offer a bot flow that their conversation then
// starts with. The message is shown at once; the rule's id rides on the visitor's first
// message, and the server stores the rule's message before it in the new conversation (so
// the agent reads what the visitor saw), once. The flow id rides on the visitor's messages
// (the server starts it only for a new conversation, and only if a rule of the channel offers it).

let offered: string | null = null;
let shownRule: string | null = null;
const storedListeners = new Set<() => void>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rule whose message the visitor has in front of them and the server has not stored yet. */
export function proactiveRuleId(): string | null {
  return shownRule;
}

/** The visitor's message went with the rule's id: the server has the rule's message now (the history shows it). */
export function proactiveStored(ruleId: string): void {
  if (shownRule !== ruleId) return;
  shownRule = null;
  for (const listener of storedListeners) listener();
}

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
        if (typeof message.text === 'string' && message.text.trim()) {
          setText(message.text.trim().slice(0, 500));
          shownRule = typeof message.ruleId === 'string' && UUID.test(message.ruleId) ? message.ruleId : null;
        }
      }),
    [parentOrigin],
  );
  // Stored: the history has it now, where it was shown.
  useEffect(() => {
    const hide = () => setText(null);
    storedListeners.add(hide);
    return () => {
      storedListeners.delete(hide);
    };
  }, []);
  return { text };
}
