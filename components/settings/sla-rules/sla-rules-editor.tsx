'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ArrowDown, ArrowUp, Pencil, Plus } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { SlaRule } from '@/lib/sla/rules';
import { deleteSlaRuleAction, moveSlaRuleAction } from '@/app/w/[slug]/settings/sla-rules/actions';
import { DeleteButton, EmptyState, SecondaryButton } from '@/components/ui/form-kit';
import { SlaRuleForm } from './sla-rule-form';
import { describeConditions, describeTargets } from './describe';

type Team = { id: string; name: string };

/** The ordered rules, conversations' and tickets' apart (each kind matches in its own order), each with edit, move and delete; a form for a new one. */
export function SlaRulesEditor({ workspaceId, rules, teams }: { workspaceId: string; rules: SlaRule[]; teams: Team[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [pending, start] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = await action();
      setProblem(result.ok ? null : result.error);
      if (result.ok) router.refresh();
    });
  const done = () => {
    setEditing(null);
    router.refresh();
  };

  const forConversations = rules.filter((r) => r.appliesTo !== 'ticket');
  const forTickets = rules.filter((r) => r.appliesTo === 'ticket');
  const list = (label: string, items: SlaRule[]) => (
    <ol aria-label={label} className="space-y-3">
      {items.map((rule, i) =>
        editing === rule.id ? (
          <li key={rule.id}>
            <SlaRuleForm workspaceId={workspaceId} teams={teams} rule={rule} onDone={done} onCancel={() => setEditing(null)} />
          </li>
        ) : (
          <li key={rule.id} aria-label={rule.name} className="rounded-xl border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  <span className="text-slate-400">{i + 1}.</span> {rule.name}
                  {!rule.enabled && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">Off</span>}
                </p>
                <p className="mt-1 text-sm text-slate-600">{describeConditions(rule.conditions, teams, rule.appliesTo)}</p>
                <p className="mt-1 text-sm text-slate-800">{describeTargets(rule)}</p>
              </div>
              <div className="flex shrink-0 items-center gap-1">
                <button
                  type="button"
                  aria-label={`Move ${rule.name} up`}
                  disabled={pending || i === 0}
                  onClick={() => run(() => moveSlaRuleAction({ workspaceId, id: rule.id, direction: 'up' }))}
                  className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40"
                >
                  <ArrowUp aria-hidden className="size-4" />
                </button>
                <button
                  type="button"
                  aria-label={`Move ${rule.name} down`}
                  disabled={pending || i === items.length - 1}
                  onClick={() => run(() => moveSlaRuleAction({ workspaceId, id: rule.id, direction: 'down' }))}
                  className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40"
                >
                  <ArrowDown aria-hidden className="size-4" />
                </button>
                <button type="button" aria-label={`Edit ${rule.name}`} onClick={() => setEditing(rule.id)} className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100">
                  <Pencil aria-hidden className="size-4" />
                </button>
                <DeleteButton
                  label={`Delete ${rule.name}`}
                  confirmText={`Delete the SLA rule “${rule.name}”? Running targets keep their times.`}
                  run={async () => {
                    const result = await deleteSlaRuleAction({ workspaceId, id: rule.id });
                    if (result.ok) router.refresh();
                    return result;
                  }}
                />
              </div>
            </div>
          </li>
        ),
      )}
    </ol>
  );

  return (
    <div className="mt-6 space-y-4">
      {rules.length === 0 && editing !== 'new' && <EmptyState>No SLA rules yet. Conversations and tickets have no reply or resolution targets.</EmptyState>}
      {forConversations.length > 0 && (
        <section aria-labelledby="sla-conversation-rules" className="space-y-3">
          <h2 id="sla-conversation-rules" className="font-semibold">
            Conversations
          </h2>
          {list('SLA rules', forConversations)}
        </section>
      )}
      {forTickets.length > 0 && (
        <section aria-labelledby="sla-ticket-rules" className="space-y-3">
          <h2 id="sla-ticket-rules" className="font-semibold">
            Tickets
          </h2>
          {/* Named apart from "SLA rules" so each list is found by its own name. */}
          {list('Rules for tickets', forTickets)}
        </section>
      )}
      {problem && (
        <p role="alert" className="text-sm text-red-600">
          {problem}
        </p>
      )}
      {editing === 'new' ? (
        <SlaRuleForm workspaceId={workspaceId} teams={teams} rule={null} onDone={done} onCancel={() => setEditing(null)} />
      ) : (
        <SecondaryButton onClick={() => setEditing('new')} className="inline-flex items-center gap-1">
          <Plus aria-hidden className="size-4" /> New SLA rule
        </SecondaryButton>
      )}
    </div>
  );
}
