'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { watchResult } from '@/components/layout/server-status';
import { useChannelEvents } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { ActionResult } from '@/lib/auth/action-core';
import { assignAction, followUpAction, handBackAction, priorityAction, resolveAction, takeOverAction } from '@/app/w/[slug]/inbox/operation-actions';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import { Star } from 'lucide-react';
import { ActionsSheet } from './actions-sheet';

type Props = {
  workspaceId: string;
  conversationId: string;
  version: number;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  assigneeId: string | null;
  followUp: boolean;
  priority: keyof typeof PRIORITY_LABELS;
  hasPausedFlow: boolean;
  hasFlow: boolean;
  me: string;
  assignees: { agents: { id: string; name: string; availability: string }[]; teams: { id: string; name: string }[] };
  /** Enabled flows an agent can hand the conversation to. */
  flows: { id: string; name: string }[];
  /** Products and collections whose checkout flow can be started. */
  checkout: { products: { id: string; name: string }[]; collections: { id: string; name: string }[] };
  /** The header's other actions (share, order, reminder…): beside these on a wide screen, in the sheet on a phone. */
  children?: ReactNode;
};

/**
 * Take over, assign, hand back, follow up and resolve: what an agent does to a conversation.
 * Take over stays in the header; on a phone the rest lives in a sheet at the bottom of the
 * screen, where a thumb reaches it, instead of five rows of buttons above the history.
 */
// Long: five buttons and the assign menu, each a short handler; most of it is markup.
export function ConversationToolbar(props: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const base = { workspaceId: props.workspaceId, conversationId: props.conversationId };
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = watchResult(await action());
      setMessage(result.ok ? null : result.error);
      if (result.ok) {
        setSheetOpen(false);
        router.refresh();
      }
    });

  // Someone else assigned, resolved or took it: the header and these buttons follow.
  useChannelEvents(realtimeChannels.workspace(props.workspaceId), ['conversation.updated'], (_name, data) => {
    const update = data as { id?: string; version?: number };
    if (update.id === props.conversationId && (update.version ?? 0) > props.version) router.refresh();
  });

  if (props.status === 'resolved') {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-xs text-slate-500">Resolved. The customer&apos;s next message opens a new request.</p>
        {props.children && (
          <ActionsSheet open={sheetOpen} onOpenChange={setSheetOpen}>
            {props.children}
          </ActionsSheet>
        )}
      </div>
    );
  }
  const mine = props.handler === 'agent' && props.assigneeId === props.me;
  const button = 'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!mine && (
        <button type="button" disabled={pending} onClick={() => run(() => takeOverAction(base))} className={`${button} border-brand-600 bg-brand-600 text-white hover:bg-brand-700 max-md:min-h-11 max-md:px-4 max-md:text-sm`}>
          Take over
        </button>
      )}
      <ActionsSheet open={sheetOpen} onOpenChange={setSheetOpen}>
      {props.children}
      <button
        type="button"
        aria-pressed={props.followUp}
        aria-label={props.followUp ? 'Unfollow' : 'Follow up'}
        title={props.followUp ? 'Unfollow' : 'Follow up'}
        disabled={pending}
        onClick={() => run(() => followUpAction({ ...base, followUp: !props.followUp }))}
        className={`${button} ${props.followUp ? 'text-amber-500' : ''}`}
      >
        <Star aria-hidden className={`inline size-4 ${props.followUp ? 'fill-current' : ''}`} />
        <span className="ml-2 md:hidden">{props.followUp ? 'Unfollow' : 'Follow up'}</span>
      </button>
      <label className="sr-only" htmlFor={`priority-${props.conversationId}`}>Priority</label>
      <select
        id={`priority-${props.conversationId}`}
        value={props.priority}
        disabled={pending}
        onChange={(e) => run(() => priorityAction({ ...base, priority: e.target.value }))}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs"
      >
        {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {value === 'none' ? 'Priority: none' : `Priority: ${label}`}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor={`assign-${props.conversationId}`}>Assign to</label>
      <select
        id={`assign-${props.conversationId}`}
        value=""
        disabled={pending}
        onChange={(e) => e.target.value && run(() => assignAction({ ...base, to: e.target.value }))}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs"
      >
        <option value="">Assign…</option>
        <optgroup label="Agents">
          {props.assignees.agents.map((a) => (
            <option key={a.id} value={`agent:${a.id}`} disabled={props.assigneeId === a.id}>
              {a.id === props.me ? `${a.name} (me)` : a.name}
              {a.availability === 'away' ? ' · away' : ''}
            </option>
          ))}
        </optgroup>
        {props.assignees.teams.length > 0 && (
          <optgroup label="Teams">
            {props.assignees.teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>{t.name}</option>
            ))}
          </optgroup>
        )}
        {props.handler === 'agent' && <option value="requests">Back to Requests</option>}
      </select>
      {props.hasPausedFlow && props.handler !== 'bot' && (
        <button type="button" disabled={pending} onClick={() => run(() => handBackAction({ ...base, action: 'resume' }))} className={button}>
          Resume bot
        </button>
      )}
      {props.hasFlow && (
        <button type="button" disabled={pending} onClick={() => run(() => handBackAction({ ...base, action: 'stop' }))} className={button}>
          Stop flow
        </button>
      )}
      {(props.flows.length > 0 || props.checkout.products.length > 0 || props.checkout.collections.length > 0) && (
        <>
          <label className="sr-only" htmlFor={`flow-${props.conversationId}`}>Hand back to a bot flow</label>
          <select
            id={`flow-${props.conversationId}`}
            value=""
            disabled={pending}
            onChange={(e) => {
              const [kind, id] = e.target.value.split(':');
              if (!id) return;
              if (kind === 'flow') run(() => handBackAction({ ...base, action: 'start_flow', flowId: id }));
              else if (kind === 'product') run(() => handBackAction({ ...base, action: 'start_product', productId: id }));
              else run(() => handBackAction({ ...base, action: 'start_collection', collectionId: id }));
            }}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs"
          >
            <option value="">Start a flow…</option>
            {props.flows.length > 0 && (
              <optgroup label="Flows">
                {props.flows.map((f) => (
                  <option key={f.id} value={`flow:${f.id}`}>{f.name}</option>
                ))}
              </optgroup>
            )}
            {props.checkout.products.length > 0 && (
              <optgroup label="Product checkout">
                {props.checkout.products.map((p) => (
                  <option key={p.id} value={`product:${p.id}`}>{p.name}</option>
                ))}
              </optgroup>
            )}
            {props.checkout.collections.length > 0 && (
              <optgroup label="Collection checkout">
                {props.checkout.collections.map((c) => (
                  <option key={c.id} value={`collection:${c.id}`}>{c.name}</option>
                ))}
              </optgroup>
            )}
          </select>
        </>
      )}
      <button type="button" disabled={pending} onClick={() => run(() => resolveAction(base))} className={button}>
        Resolve
      </button>
      </ActionsSheet>
      {message && (
        <p role="alert" className="w-full text-xs text-red-600">
          {message}
        </p>
      )}
    </div>
  );
}
