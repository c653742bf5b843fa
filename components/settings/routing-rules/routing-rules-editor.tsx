'use client';

import { useRef, useState } from 'react';
import type { RoutingConditions } from '@/db/schema/routing';
import { EmptyState } from '@/components/ui/form-kit';
import { OrderedRuleList } from '@/components/ui/ordered-rule-list';
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
        <div className="mt-6 space-y-3">
          <OrderedRuleList
            label="Routing rules"
            rules={rules}
            describe={(rule) => {
              const conditions = describeConditions(rule.conditions as RoutingConditions, teams);
              return (
                <>
                  <p className="mt-1 break-words text-sm text-slate-600">
                    <span className="font-medium text-slate-700">When</span> {conditions.length ? conditions.join(' · ') : 'any new request'}
                  </p>
                  <p className="break-words text-sm text-slate-600">
                    <span className="font-medium text-slate-700">Then</span> {describeAction(rule, teams, agents)}
                  </p>
                </>
              );
            }}
            move={(rule, direction) => moveRoutingRuleAction({ workspaceId, id: rule.id, direction })}
            onEdit={edit}
            deleteConfirm={(rule) => `Delete the rule “${rule.name}”? New requests it would have matched follow the next rule or your routing mode.`}
            remove={(rule) => deleteRoutingRuleAction({ workspaceId, id: rule.id })}
          />
        </div>
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

