'use client';

import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { SlaRule } from '@/lib/sla/rules';
import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import { PRIORITY_LABELS as TICKET_PRIORITY_LABELS, TICKET_PRIORITIES, TICKET_TYPES, TYPE_LABELS, type TicketPriority, type TicketType } from '@/lib/tickets/labels';
import { saveSlaRuleAction } from '@/app/w/[slug]/settings/sla-rules/actions';
import { CheckboxField, SecondaryButton, SelectField, SubmitButton, TextField } from '@/components/ui/form-kit';
import { CHANNEL_NAMES } from './describe';

type Team = { id: string; name: string };
type Draft = {
  name: string;
  appliesTo: SlaRule['appliesTo'];
  enabled: boolean;
  channelKinds: (keyof typeof CHANNEL_NAMES)[];
  teamIds: string[];
  tags: string;
  customFieldKey: string;
  customFieldValue: string;
  priorities: (keyof typeof PRIORITY_LABELS)[];
  ticketPriorities: TicketPriority[];
  ticketTypes: TicketType[];
  firstResponseMinutes: string;
  nextResponseMinutes: string;
  resolutionMinutes: string;
  businessHours: boolean;
};

const toDraft = (rule: SlaRule | null): Draft => ({
  name: rule?.name ?? '',
  appliesTo: rule?.appliesTo ?? 'conversation',
  enabled: rule?.enabled ?? true,
  channelKinds: rule?.conditions.channelKinds ?? [],
  teamIds: rule?.conditions.teamIds ?? [],
  tags: (rule?.conditions.tags ?? []).join(', '),
  customFieldKey: rule?.conditions.customField?.key ?? '',
  customFieldValue: rule?.conditions.customField?.value ?? '',
  priorities: rule?.conditions.priorities ?? [],
  ticketPriorities: rule?.conditions.ticketPriorities ?? [],
  ticketTypes: rule?.conditions.ticketTypes ?? [],
  firstResponseMinutes: rule ? String(rule.firstResponseMinutes ?? '') : '15',
  nextResponseMinutes: rule ? String(rule.nextResponseMinutes ?? '') : '30',
  resolutionMinutes: rule ? String(rule.resolutionMinutes ?? '') : '',
  businessHours: rule?.businessHours ?? false,
});

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

/** A rule's name, its conditions (each optional) and its targets in minutes. */
export function SlaRuleForm({ workspaceId, teams, rule, onDone, onCancel }: { workspaceId: string; teams: Team[]; rule: SlaRule | null; onDone(): void; onCancel(): void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(rule));
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const saved = await saveSlaRuleAction({
        workspaceId,
        ...(rule ? { id: rule.id } : {}),
        ...draft,
        tags: draft.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
      setResult(saved);
      if (saved.ok) onDone();
    });
  };

  const group = 'flex flex-wrap gap-x-4 gap-y-1';
  const forTickets = draft.appliesTo === 'ticket';
  return (
    <form onSubmit={onSubmit} aria-label={rule ? `Edit ${rule.name}` : 'New SLA rule'} className="space-y-4 rounded-xl border border-brand-200 bg-white p-4 sm:p-6">
      <TextField label="Name" required maxLength={80} value={draft.name} onValueChange={(v) => set('name', v)} error={fieldError('name')} placeholder="e.g. VIP customers" />
      <SelectField
        label="Applies to"
        value={draft.appliesTo}
        onValueChange={(v) => set('appliesTo', v)}
        choices={[
          ['conversation', 'Conversations'],
          ['ticket', 'Tickets'],
        ]}
        hint={forTickets ? 'Counted from when the ticket is created; the clock stops while it is pending or on hold.' : undefined}
      />
      <CheckboxField label="On" checked={draft.enabled} onCheckedChange={(v) => set('enabled', v)} />

      {forTickets ? (
        <TicketConditions draft={draft} teams={teams} set={set} tagsError={fieldError('tags')} />
      ) : (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">When (leave a condition empty to match anything)</legend>
          <div role="group" aria-label="Channels" className={group}>
            {Object.entries(CHANNEL_NAMES).map(([kind, label]) => (
              <CheckboxField
                key={kind}
                label={label}
                checked={draft.channelKinds.includes(kind as Draft['channelKinds'][number])}
                onCheckedChange={(on) => set('channelKinds', toggle(draft.channelKinds, kind as Draft['channelKinds'][number], on))}
              />
            ))}
          </div>
          {teams.length > 0 && (
            <div role="group" aria-label="Teams" className={group}>
              {teams.map((t) => (
                <CheckboxField key={t.id} label={`Team ${t.name}`} checked={draft.teamIds.includes(t.id)} onCheckedChange={(on) => set('teamIds', toggle(draft.teamIds, t.id, on))} />
              ))}
            </div>
        )}
          <div role="group" aria-label="Priorities" className={group}>
            {Object.entries(PRIORITY_LABELS)
              .filter(([p]) => p !== 'none')
              .map(([p, label]) => (
                <CheckboxField
                  key={p}
                  label={`${label} priority`}
                  checked={draft.priorities.includes(p as Draft['priorities'][number])}
                  onCheckedChange={(on) => set('priorities', toggle(draft.priorities, p as Draft['priorities'][number], on))}
                />
              ))}
          </div>
          <TextField label="Customer tags" hint="Any of these, separated by commas" value={draft.tags} onValueChange={(v) => set('tags', v)} error={fieldError('tags')} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Customer field" hint="A field or custom data key, e.g. Membership" value={draft.customFieldKey} onValueChange={(v) => set('customFieldKey', v)} />
            <TextField label="Field value" value={draft.customFieldValue} onValueChange={(v) => set('customFieldValue', v)} error={fieldError('customFieldValue')} />
          </div>
        </fieldset>
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Targets, in minutes (leave empty for none)</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            label={forTickets ? 'First response' : 'First reply'}
            hint={forTickets ? 'Met by the first status change, or a comment by someone other than who created it' : undefined}
            type="number"
            inputMode="numeric"
            min={1}
            value={draft.firstResponseMinutes}
            onValueChange={(v) => set('firstResponseMinutes', v)}
            error={fieldError('firstResponseMinutes')}
          />
          {!forTickets && (
            <TextField label="Next reply" type="number" inputMode="numeric" min={1} value={draft.nextResponseMinutes} onValueChange={(v) => set('nextResponseMinutes', v)} error={fieldError('nextResponseMinutes')} />
          )}
          <TextField label="Resolution" type="number" inputMode="numeric" min={1} value={draft.resolutionMinutes} onValueChange={(v) => set('resolutionMinutes', v)} error={fieldError('resolutionMinutes')} />
        </div>
        <CheckboxField label="Count business hours only (the clock stops while you are closed)" checked={draft.businessHours} onCheckedChange={(v) => set('businessHours', v)} />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{rule ? 'Save rule' : 'Add rule'}</SubmitButton>
        <SecondaryButton onClick={onCancel}>Cancel</SecondaryButton>
        <p id={`${id}-status`} role="status" className="text-sm text-red-600">
          {result && !result.ok ? result.error : ''}
        </p>
      </div>
    </form>
  );
}

/** A ticket rule's conditions: its team, priority, type and tags. */
function TicketConditions({
  draft,
  teams,
  set,
  tagsError,
}: {
  draft: Draft;
  teams: Team[];
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  tagsError?: string;
}) {
  const group = 'flex flex-wrap gap-x-4 gap-y-1';
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">When the ticket has (leave a condition empty to match anything)</legend>
      {teams.length > 0 && (
        <div role="group" aria-label="Teams" className={group}>
          {teams.map((t) => (
            <CheckboxField key={t.id} label={`Team ${t.name}`} checked={draft.teamIds.includes(t.id)} onCheckedChange={(on) => set('teamIds', toggle(draft.teamIds, t.id, on))} />
          ))}
        </div>
      )}
      <div role="group" aria-label="Ticket priorities" className={group}>
        {TICKET_PRIORITIES.map((p) => (
          <CheckboxField key={p} label={`${TICKET_PRIORITY_LABELS[p]} priority`} checked={draft.ticketPriorities.includes(p)} onCheckedChange={(on) => set('ticketPriorities', toggle(draft.ticketPriorities, p, on))} />
        ))}
      </div>
      <div role="group" aria-label="Ticket types" className={group}>
        {TICKET_TYPES.map((t) => (
          <CheckboxField key={t} label={TYPE_LABELS[t]} checked={draft.ticketTypes.includes(t)} onCheckedChange={(on) => set('ticketTypes', toggle(draft.ticketTypes, t, on))} />
        ))}
      </div>
      <TextField label="Ticket tags" hint="Any of these, separated by commas" value={draft.tags} onValueChange={(v) => set('tags', v)} error={tagsError} />
    </fieldset>
  );
}
