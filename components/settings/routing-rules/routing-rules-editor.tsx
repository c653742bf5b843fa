'use client';

import { useRef, useState, useTransition } from 'react';
import { ArrowDown, ArrowUp, Pencil } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { RoutingConditions } from '@/db/schema/routing';
import { DeleteButton, EmptyState, SecondaryButton } from '@/components/ui/form-kit';
import { deleteRoutingRuleAction, moveRoutingRuleAction } from '@/app/w/[slug]/settings/routing-rules/actions';
import { RuleForm } from './rule-form';
import { describeAction, describeConditions, type Named, type RuleView } from './describe';

/** The ordered list of rules (move, edit, delete) and the form that adds or edits one. */
export function RoutingRulesEditor({ workspaceId, rules, teams, agents }: { workspaceId: string; rules: RuleView[]; teams: Named[]; agents: Named[] }) {
  const [editing, setEditing] = useState<RuleView | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const edit = (rule: RuleView) => {
    setEditing(rule);
    requestAnimationFrame(() => formRef.current?.scrollIntoView({ block: 'start' }));
  };
  return (
    <>
      {rules.length === 0 ? (
        <EmptyState>No routing rules yet: every new request follows your routing mode.</EmptyState>
      ) : (
        <ol aria-label="Routing rules" className="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {rules.map((rule, i) => (
            <RuleItem key={rule.id} workspaceId={workspaceId} rule={rule} index={i} count={rules.length} teams={teams} agents={agents} onEdit={() => edit(rule)} />
          ))}
        </ol>
      )}
      <div ref={formRef} className="scroll-mt-4">
        <h2 className="mt-10 text-lg font-semibold">{editing ? `Edit rule “${editing.name}”` : 'Add a rule'}</h2>
        <RuleForm
          key={editing?.id ?? 'new'}
          workspaceId={workspaceId}
          rule={editing}
          teams={teams}
          agents={agents}
          onDone={() => setEditing(null)}
        />
      </div>
    </>
  );
}

function RuleItem({
  workspaceId,
  rule,
  index,
  count,
  teams,
  agents,
  onEdit,
}: {
  workspaceId: string;
  rule: RuleView;
  index: number;
  count: number;
  teams: Named[];
  agents: Named[];
  onEdit: () => void;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const move = (direction: 'up' | 'down') =>
    start(async () => {
      const result: ActionResult<unknown> = await moveRoutingRuleAction({ workspaceId, id: rule.id, direction });
      setError(result.ok ? null : result.error);
    });
  const conditions = describeConditions(rule.conditions as RoutingConditions, teams);
  return (
    <li aria-label={rule.name} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-sm tabular-nums text-slate-500">{index + 1}.</span>
          <span className="font-medium break-words">{rule.name}</span>
          {!rule.enabled && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Off</span>}
        </p>
        <p className="mt-1 text-sm text-slate-600 break-words">
          <span className="font-medium text-slate-700">When</span> {conditions.length ? conditions.join(' · ') : 'any new request'}
        </p>
        <p className="text-sm text-slate-600 break-words">
          <span className="font-medium text-slate-700">Then</span> {describeAction(rule, teams, agents)}
        </p>
        {error && <p role="status" className="mt-1 text-sm text-red-600">{error}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <SecondaryButton aria-label={`Move ${rule.name} up`} title="Move up" disabled={pending || index === 0} onClick={() => move('up')} className="px-2">
          <ArrowUp aria-hidden className="size-4" />
        </SecondaryButton>
        <SecondaryButton aria-label={`Move ${rule.name} down`} title="Move down" disabled={pending || index === count - 1} onClick={() => move('down')} className="px-2">
          <ArrowDown aria-hidden className="size-4" />
        </SecondaryButton>
        <SecondaryButton aria-label={`Edit ${rule.name}`} onClick={onEdit} className="inline-flex items-center gap-1">
          <Pencil aria-hidden className="size-4" /> Edit
        </SecondaryButton>
        <DeleteButton
          label={`Delete ${rule.name}`}
          confirmText={`Delete the rule “${rule.name}”? New requests it would have matched follow the next rule or your routing mode.`}
          run={() => deleteRoutingRuleAction({ workspaceId, id: rule.id })}
        />
      </div>
    </li>
  );
}
