'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, Pencil } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import { DeleteButton } from './form-kit';

type Rule = { id: string; name: string; enabled: boolean };
type Run = () => Promise<ActionResult<unknown>>;

const iconButton = 'rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40';

/**
 * An ordered list of rules where the order decides (routing, SLA, the website chat's action
 * rules): each row shows its place, name and an "Off" tag, what the caller says about it, and
 * move up/down, optionally on/off, edit and delete. The row being edited shows the caller's
 * form in its place. After a change the page's data is read again.
 */
export function OrderedRuleList<R extends Rule>({
  label,
  rules,
  describe,
  move,
  toggle,
  remove,
  deleteConfirm,
  onEdit,
  editingId,
  renderForm,
}: {
  /** The list's accessible name. */
  label: string;
  rules: R[];
  /** The lines under the name: the rule's conditions and what it does. */
  describe: (rule: R) => ReactNode;
  move: (rule: R, direction: 'up' | 'down') => Promise<ActionResult<unknown>>;
  /** Given, each row has Turn on / Turn off. */
  toggle?: (rule: R) => Promise<ActionResult<unknown>>;
  remove: (rule: R) => Promise<ActionResult<unknown>>;
  deleteConfirm: (rule: R) => string;
  onEdit: (rule: R) => void;
  /** The rule whose form `renderForm` shows in its row. */
  editingId?: string | null;
  renderForm?: (rule: R) => ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const run = (action: Run) =>
    start(async () => {
      const result = await action();
      setProblem(result.ok ? null : result.error);
      if (result.ok) router.refresh();
    });

  return (
    <>
      <ol aria-label={label} className="space-y-3">
        {rules.map((rule, i) =>
          editingId === rule.id && renderForm ? (
            <li key={rule.id}>{renderForm(rule)}</li>
          ) : (
            <li key={rule.id} aria-label={rule.name} className="rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start gap-2">
                <div className="min-w-0 flex-1">
                  <p className="break-words font-medium">
                    <span className="text-slate-400">{i + 1}.</span> {rule.name}
                    {!rule.enabled && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">Off</span>}
                  </p>
                  {describe(rule)}
                </div>
                <div className="flex shrink-0 flex-wrap items-center gap-1">
                  <button type="button" aria-label={`Move ${rule.name} up`} title="Move up" disabled={pending || i === 0} onClick={() => run(() => move(rule, 'up'))} className={iconButton}>
                    <ArrowUp aria-hidden className="size-4" />
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${rule.name} down`}
                    title="Move down"
                    disabled={pending || i === rules.length - 1}
                    onClick={() => run(() => move(rule, 'down'))}
                    className={iconButton}
                  >
                    <ArrowDown aria-hidden className="size-4" />
                  </button>
                  {toggle && (
                    <button
                      type="button"
                      aria-label={`${rule.enabled ? 'Turn off' : 'Turn on'} ${rule.name}`}
                      disabled={pending}
                      onClick={() => run(() => toggle(rule))}
                      className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-40"
                    >
                      {rule.enabled ? 'Turn off' : 'Turn on'}
                    </button>
                  )}
                  <button type="button" aria-label={`Edit ${rule.name}`} title="Edit" onClick={() => onEdit(rule)} className={iconButton}>
                    <Pencil aria-hidden className="size-4" />
                  </button>
                  <DeleteButton
                    label={`Delete ${rule.name}`}
                    confirmText={deleteConfirm(rule)}
                    run={async () => {
                      const result = await remove(rule);
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
      {problem && (
        <p role="alert" className="text-sm text-red-600">
          {problem}
        </p>
      )}
    </>
  );
}
