'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Plus } from 'lucide-react';
import type { WidgetActionRule } from '@/lib/widget/action-rules/admin';
import { deleteWidgetRuleAction, enableWidgetRuleAction, moveWidgetRuleAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/rule-actions';
import { SecondaryButton } from '@/components/ui/form-kit';
import { OrderedRuleList } from '@/components/ui/ordered-rule-list';
import { ActionRuleForm } from './action-rule-form';
import { CAP_LABELS, describeRuleAction, describeRuleConditions } from './describe-rule';

type Flow = { id: string; name: string };
type Props = { workspaceId: string; channelId: string; rules: WidgetActionRule[]; flows: Flow[] };

/** The website chat's action rules, in order; a form for a new one. */
export function ActionRulesSection({ workspaceId, channelId, rules, flows }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
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
        <div className="mt-4 space-y-3">
          <OrderedRuleList
            label="Action rules"
            rules={rules}
            editingId={editing}
            renderForm={form}
            describe={(rule) => (
              <>
                <p className="mt-1 break-words text-sm text-slate-600">{describeRuleConditions(rule.conditions)}</p>
                <p className="mt-1 break-words text-sm text-slate-800">
                  {describeRuleAction(rule.action, flows)} · {CAP_LABELS[rule.cap]}
                </p>
              </>
            )}
            move={(rule, direction) => moveWidgetRuleAction({ workspaceId, id: rule.id, direction })}
            toggle={(rule) => enableWidgetRuleAction({ workspaceId, id: rule.id, enabled: !rule.enabled })}
            onEdit={(rule) => setEditing(rule.id)}
            deleteConfirm={(rule) => `Delete the action rule “${rule.name}”?`}
            remove={(rule) => deleteWidgetRuleAction({ workspaceId, id: rule.id })}
          />
        </div>
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
