'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { ChannelKind } from '@/db/schema/channels';
import type { ConversationPriority } from '@/db/schema/conversations';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import { channelLabel } from '@/components/ui/channel-icon';
import { CheckboxField, FormStatus, SecondaryButton, SelectField, SubmitButton, TextField } from '@/components/ui/form-kit';
import { saveRoutingRuleAction } from '@/app/w/[slug]/settings/routing-rules/actions';
import type { Named, RuleView } from './describe';

type Draft = {
  name: string;
  enabled: boolean;
  channelKinds: ChannelKind[];
  teamIds: string[];
  tags: string;
  customFieldKey: string;
  customFieldValue: string;
  priorities: ConversationPriority[];
  businessHours: 'any' | 'open' | 'closed';
  languages: string;
  actionKind: 'team' | 'agent';
  actionTeamId: string;
  actionAgentId: string;
  setPriority: '' | ConversationPriority;
};

const empty: Draft = {
  name: '',
  enabled: true,
  channelKinds: [],
  teamIds: [],
  tags: '',
  customFieldKey: '',
  customFieldValue: '',
  priorities: [],
  businessHours: 'any',
  languages: '',
  actionKind: 'team',
  actionTeamId: '',
  actionAgentId: '',
  setPriority: '',
};

const toDraft = (r: RuleView | null): Draft =>
  r
    ? {
        name: r.name,
        enabled: r.enabled,
        channelKinds: r.conditions.channelKinds ?? [],
        teamIds: r.conditions.teamIds ?? [],
        tags: (r.conditions.tags ?? []).join(', '),
        customFieldKey: r.conditions.customField?.key ?? '',
        customFieldValue: r.conditions.customField?.value ?? '',
        priorities: r.conditions.priorities ?? [],
        businessHours: r.conditions.businessHours ?? 'any',
        languages: (r.conditions.languages ?? []).join(', '),
        actionKind: r.actionKind,
        actionTeamId: r.teamId ?? '',
        actionAgentId: r.agentId ?? '',
        setPriority: r.setPriority ?? '',
      }
    : empty;

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const toggle = <T,>(values: T[], value: T, on: boolean) => (on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));

// Values, not the db's lists: this module ships to the browser. Keyed records keep them complete.
const channelKinds = Object.keys({ facebook: 1, instagram: 1, whatsapp: 1, line: 1, x: 1, apple: 1, web: 1 } satisfies Record<ChannelKind, 1>) as ChannelKind[];
const conversationPriorities = Object.keys(PRIORITY_LABELS) as ConversationPriority[];

const HOURS_CHOICES = [
  ['any', 'Any time'],
  ['open', 'During business hours'],
  ['closed', 'Outside business hours'],
] as const;

const ACTION_CHOICES = [
  ['team', 'A team'],
  ['agent', 'An agent'],
] as const;

// Long: one form of many small fields; each is a line of markup.
export function RuleForm({ workspaceId, rule, teams, agents, onDone }: { workspaceId: string; rule: RuleView | null; teams: Named[]; agents: Named[]; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(rule));
  const [result, setResult] = useState<ActionResult<{ id: string; name: string }> | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const saved = await saveRoutingRuleAction({
        workspaceId,
        ...(rule ? { id: rule.id } : {}),
        ...draft,
        tags: list(draft.tags),
        languages: list(draft.languages),
        actionTeamId: draft.actionTeamId || null,
        actionAgentId: draft.actionKind === 'agent' ? draft.actionAgentId || null : null,
      });
      setResult(saved);
      if (!saved.ok) return;
      if (rule) onDone();
      else setDraft(empty);
    });
  };

  return (
    <form onSubmit={onSubmit} aria-label={rule ? 'Edit routing rule' : 'Add a routing rule'} className="mt-4 space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <TextField label="Rule name" required maxLength={80} value={draft.name} onValueChange={(v) => set('name', v)} error={fieldError('name')} />
      <CheckboxField label="Enabled" checked={draft.enabled} onCheckedChange={(v) => set('enabled', v)} />

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">When a new request…</legend>
        <p className="text-sm text-slate-600">Every condition you set must hold; leave one empty to match anything.</p>
        <div role="group" aria-label="Channel" className="flex flex-wrap gap-x-4 gap-y-1">
          <span className="w-full text-sm font-medium text-slate-700">Channel</span>
          {channelKinds.map((k) => (
            <CheckboxField key={k} label={channelLabel(k)} checked={draft.channelKinds.includes(k)} onCheckedChange={(on) => set('channelKinds', toggle(draft.channelKinds, k, on))} />
          ))}
        </div>
        {teams.length > 0 && (
          <div role="group" aria-label="Handed to team" className="flex flex-wrap gap-x-4 gap-y-1">
            <span className="w-full text-sm font-medium text-slate-700">Handed to team (by the bot)</span>
            {teams.map((t) => (
              <CheckboxField key={t.id} label={t.name} checked={draft.teamIds.includes(t.id)} onCheckedChange={(on) => set('teamIds', toggle(draft.teamIds, t.id, on))} />
            ))}
          </div>
        )}
        <TextField label="Customer tags" hint="Any of these tags; separate with commas." maxLength={600} value={draft.tags} onValueChange={(v) => set('tags', v)} error={fieldError('tags')} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Customer field" hint="A customer data key, like City." maxLength={100} value={draft.customFieldKey} onValueChange={(v) => set('customFieldKey', v)} error={fieldError('customFieldKey')} />
          <TextField label="Field value" maxLength={200} value={draft.customFieldValue} onValueChange={(v) => set('customFieldValue', v)} error={fieldError('customFieldValue')} />
        </div>
        <div role="group" aria-label="Priority" className="flex flex-wrap gap-x-4 gap-y-1">
          <span className="w-full text-sm font-medium text-slate-700">Priority</span>
          {conversationPriorities.map((p) => (
            <CheckboxField key={p} label={PRIORITY_LABELS[p]} checked={draft.priorities.includes(p)} onCheckedChange={(on) => set('priorities', toggle(draft.priorities, p, on))} />
          ))}
        </div>
        <SelectField label="Business hours" choices={HOURS_CHOICES} value={draft.businessHours} onValueChange={(v) => set('businessHours', v)} />
        <TextField
          label="Customer language"
          hint="Language codes, separated with commas (th, en). Known for LINE and Messenger customers; an unknown language matches no code."
          maxLength={200}
          value={draft.languages}
          onValueChange={(v) => set('languages', v)}
          error={fieldError('languages')}
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-800">…send it to</legend>
        <SelectField label="Send to" choices={ACTION_CHOICES} value={draft.actionKind} onValueChange={(v) => set('actionKind', v)} />
        {draft.actionKind === 'team' ? (
          <SelectField label="Team" required value={draft.actionTeamId} onValueChange={(v) => set('actionTeamId', v)} error={fieldError('actionTeamId')}>
            <option value="">Choose a team…</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </SelectField>
        ) : (
          <>
            <SelectField label="Agent" required value={draft.actionAgentId} onValueChange={(v) => set('actionAgentId', v)} error={fieldError('actionAgentId')}>
              <option value="">Choose an agent…</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
            </SelectField>
            <SelectField
              label="If the agent cannot take it"
              hint="Away, offline or at capacity: the request waits in Requests for this team."
              value={draft.actionTeamId}
              onValueChange={(v) => set('actionTeamId', v)}
            >
              <option value="">Everyone (Requests)</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>{t.name}</option>
              ))}
            </SelectField>
          </>
        )}
        <SelectField label="Also set the priority" value={draft.setPriority} onValueChange={(v) => set('setPriority', v as Draft['setPriority'])}>
          <option value="">Leave it as it is</option>
          {(['low', 'medium', 'high', 'urgent'] as const).map((p) => (
            <option key={p} value={p}>{PRIORITY_LABELS[p]}</option>
          ))}
        </SelectField>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{rule ? 'Save rule' : 'Add rule'}</SubmitButton>
        {rule && <SecondaryButton onClick={onDone}>Cancel</SecondaryButton>}
        <FormStatus state={result} success={result?.ok ? `Rule “${result.data.name}” saved.` : undefined} />
      </div>
    </form>
  );
}
