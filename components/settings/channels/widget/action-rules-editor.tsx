'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ArrowDown, ArrowUp, Pencil, Plus } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { WidgetActionRule } from '@/lib/widget/action-rules/admin';
import { deleteWidgetRuleAction, enableWidgetRuleAction, moveWidgetRuleAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/rule-actions';
import { DeleteButton, SecondaryButton } from '@/components/ui/form-kit';
import { ActionRuleForm } from './action-rule-form';
import { CAP_LABELS, describeRuleAction, describeRuleConditions } from './describe-rule';

type Flow = { id: string; name: string };
type Props = { workspaceId: string; channelId: string; rules: WidgetActionRule[]; flows: Flow[] };

const iconButton = 'rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40';

/** The website chat's action rules, in order, each with move, on/off, edit and delete; a form for a new one. */
export function ActionRulesSection({ workspaceId, channelId, rules, flows }: Props) {
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
  const form = (rule: WidgetActionRule | null) => (
    <ActionRuleForm workspaceId={workspaceId} channelId={channelId} flows={flows} rule={rule} onDone={done} onCancel={() => setEditing(null)} />
  );

  return (
    <section aria-labelledby="action-rules-title" className="mt-8 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="action-rules-title" className="font-semibold">
        Action rules
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Show, hide or open the chat, or greet visitors with a message or a bot flow, depending on the page they are on and what they do. Every rule that
        holds runs, top to bottom.
      </p>
      {rules.length === 0 && editing !== 'new' && <p className="mt-4 text-sm text-slate-500">No action rules yet: the launcher shows on every page.</p>}
      {rules.length > 0 && (
        <ol aria-label="Action rules" className="mt-4 space-y-3">
          {rules.map((rule, i) =>
            editing === rule.id ? (
              <li key={rule.id}>{form(rule)}</li>
            ) : (
              <li key={rule.id} aria-label={rule.name} className="rounded-lg border border-slate-200 p-3">
                <div className="flex flex-wrap items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <p className="break-words font-medium">
                      <span className="text-slate-400">{i + 1}.</span> {rule.name}
                      {!rule.enabled && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">Off</span>}
                    </p>
                    <p className="mt-1 break-words text-sm text-slate-600">{describeRuleConditions(rule.conditions)}</p>
                    <p className="mt-1 break-words text-sm text-slate-800">
                      {describeRuleAction(rule.action, flows)} · {CAP_LABELS[rule.cap]}
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-wrap items-center gap-1">
                    <button type="button" aria-label={`Move ${rule.name} up`} disabled={pending || i === 0} onClick={() => run(() => moveWidgetRuleAction({ workspaceId, id: rule.id, direction: 'up' }))} className={iconButton}>
                      <ArrowUp aria-hidden className="size-4" />
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${rule.name} down`}
                      disabled={pending || i === rules.length - 1}
                      onClick={() => run(() => moveWidgetRuleAction({ workspaceId, id: rule.id, direction: 'down' }))}
                      className={iconButton}
                    >
                      <ArrowDown aria-hidden className="size-4" />
                    </button>
                    <button
                      type="button"
                      aria-label={`${rule.enabled ? 'Turn off' : 'Turn on'} ${rule.name}`}
                      disabled={pending}
                      onClick={() => run(() => enableWidgetRuleAction({ workspaceId, id: rule.id, enabled: !rule.enabled }))}
                      className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40"
                    >
                      {rule.enabled ? 'Turn off' : 'Turn on'}
                    </button>
                    <button type="button" aria-label={`Edit ${rule.name}`} onClick={() => setEditing(rule.id)} className={iconButton}>
                      <Pencil aria-hidden className="size-4" />
                    </button>
                    <DeleteButton
                      label={`Delete ${rule.name}`}
                      confirmText={`Delete the action rule “${rule.name}”?`}
                      run={async () => {
                        const result = await deleteWidgetRuleAction({ workspaceId, id: rule.id });
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
      )}
      {problem && (
        <p role="alert" className="mt-3 text-sm text-red-600">
          {problem}
        </p>
      )}
      <div className="mt-4">
        {editing === 'new' ? (
          form(null)
        ) : (
          <SecondaryButton onClick={() => setEditing('new')} className="inline-flex items-center gap-1">
            <Plus aria-hidden className="size-4" /> New action rule
          </SecondaryButton>
        )}
      </div>
    </section>
  );
}
