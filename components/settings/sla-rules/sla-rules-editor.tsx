'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Plus } from 'lucide-react';
import type { SlaRule } from '@/lib/sla/rules';
import { deleteSlaRuleAction, moveSlaRuleAction } from '@/app/w/[slug]/settings/sla-rules/actions';
import { EmptyState, SecondaryButton } from '@/components/ui/form-kit';
import { OrderedRuleList } from '@/components/ui/ordered-rule-list';
import { SlaRuleForm } from './sla-rule-form';
import { describeConditions, describeTargets } from './describe';

type Team = { id: string; name: string };

/** The ordered rules, conversations' and tickets' apart (each kind matches in its own order); a form for a new one. */
export function SlaRulesEditor({ workspaceId, rules, teams }: { workspaceId: string; rules: SlaRule[]; teams: Team[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const done = () => {
    setEditing(null);
    router.refresh();
  };

  const forConversations = rules.filter((r) => r.appliesTo !== 'ticket');
  const forTickets = rules.filter((r) => r.appliesTo === 'ticket');
  const list = (label: string, items: SlaRule[]) => (
    <OrderedRuleList
      label={label}
      rules={items}
      editingId={editing}
      renderForm={(rule) => <SlaRuleForm workspaceId={workspaceId} teams={teams} rule={rule} onDone={done} onCancel={() => setEditing(null)} />}
      describe={(rule) => (
        <>
          <p className="mt-1 text-sm text-slate-600">{describeConditions(rule.conditions, teams, rule.appliesTo)}</p>
          <p className="mt-1 text-sm text-slate-800">{describeTargets(rule)}</p>
        </>
      )}
      move={(rule, direction) => moveSlaRuleAction({ workspaceId, id: rule.id, direction })}
      onEdit={(rule) => setEditing(rule.id)}
      deleteConfirm={(rule) => `Delete the SLA rule “${rule.name}”? Running targets keep their times.`}
      remove={(rule) => deleteSlaRuleAction({ workspaceId, id: rule.id })}
    />
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
