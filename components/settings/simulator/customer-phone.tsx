'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import type { PhoneTap } from '@/demo/phone-view';
import type { PhoneMessage } from '@/demo/simulator';
import { simulateCustomerMessageAction } from '@/app/w/[slug]/settings/simulator/actions';
import { PhoneBubbleView, type Tap } from './phone-bubble';

// Long: the simulated phone's live view and its send form share one message list; most of it is markup.
export function CustomerPhone(props: {
  workspaceId: string;
  basePath: string;
  channelId: string;
  customerId: string | null;
  conversationChannel: string | null;
  messages: PhoneMessage[];
  /** Messenger: the customer has opted in to notifications (the opt-in card offers to stop them). */
  optinActive: boolean;
}) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const input = useRef<HTMLTextAreaElement>(null);

  // What the shop sends shows up as soon as the outbox reports it; once subscribed, catch up
  // on anything sent between the page render and the subscription (the bot answers fast).
  useChannelEvents(props.conversationChannel, ['pusher:subscription_succeeded', 'message.created', 'message.updated'], () => router.refresh());

  const send = (body: { text?: string; payload?: string; tap?: PhoneTap }) =>
    start(async () => {
      setError(null);
      const result = await simulateCustomerMessageAction({
        workspaceId: props.workspaceId,
        channelId: props.channelId,
        customerId: props.customerId ?? undefined,
        name: name || undefined,
        ...body,
      });
      if (!result.ok) return setError(result.error);
      setText('');
      if (!props.customerId) router.replace(`${props.basePath}&customer=${encodeURIComponent(result.data.customerId)}`);
      else router.refresh();
      input.current?.focus();
    });

  const tap: Tap = (button, via) => {
    if (button.payload) send({ text: button.title, payload: button.payload, tap: via });
  };
  const last = props.messages.at(-1);
  return (
    <div className="flex h-[70vh] max-h-[720px] w-full max-w-sm flex-col overflow-hidden rounded-[2rem] border-8 border-slate-800 bg-slate-100 shadow-xl">
      {!props.customerId && (
        <div className="border-b border-slate-200 bg-white p-3">
          <label htmlFor="sim-name" className="block text-xs font-medium text-slate-600">New customer&apos;s name</label>
          <input id="sim-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Mali Srisuk" className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm" />
        </div>
      )}
      <ol className="flex-1 space-y-2 overflow-y-auto p-3" aria-label="Customer's chat">
        {props.messages.length === 0 && <li className="pt-8 text-center text-sm text-slate-500">Write as the customer to start a conversation.</li>}
        {props.messages.map((m) => (
          <li key={m.id} className={`flex flex-col gap-1 ${m.fromCustomer ? 'items-end' : 'items-start'}`}>
            {m.bubbles.map((bubble, i) => (
              <PhoneBubbleView key={i} bubble={bubble} fromCustomer={m.fromCustomer} tap={tap} disabled={pending} optinActive={props.optinActive} />
            ))}
          </li>
        ))}
      </ol>
      {last && !last.fromCustomer && last.quickReplies.length > 0 && (
        <div className="flex flex-wrap gap-2 px-3 pb-2">
          {last.quickReplies.map((q) => (
            <button key={q.payload} type="button" disabled={pending} onClick={() => tap(q, 'quick_reply')} className="rounded-full border border-brand-500 bg-white px-3 py-1 text-xs text-brand-700">
              {q.title}
            </button>
          ))}
        </div>
      )}
      {error && <p role="alert" className="px-3 pb-1 text-xs text-red-600">{error}</p>}
      <form
        className="flex gap-2 border-t border-slate-200 bg-white p-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) send({ text });
        }}
      >
        <label htmlFor="sim-text" className="sr-only">Message as the customer</label>
        <textarea
          id="sim-text"
          ref={input}
          rows={1}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              if (text.trim()) send({ text });
            }
          }}
          placeholder="Message"
          className="flex-1 resize-none rounded-full border border-slate-300 px-3 py-1.5 text-sm"
        />
        <button type="submit" disabled={pending || !text.trim()} className="rounded-full bg-emerald-500 px-3 text-sm font-medium text-white disabled:opacity-50">
          {pending ? '…' : 'Send'}
        </button>
      </form>
    </div>
  );
}
