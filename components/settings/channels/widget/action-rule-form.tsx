'use client';

import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action-core';
import type { WidgetActionRule, WidgetRuleInput } from '@/lib/widget/action-rules/admin';
import { saveWidgetRuleAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/rule-actions';
import { CheckboxField, SecondaryButton, SelectField, SubmitButton, TextField } from '@/components/ui/form-kit';
import { ACTION_LABELS, CAP_LABELS } from './describe-rule';

type Flow = { id: string; name: string };
type Draft = Omit<WidgetRuleInput, 'channelId' | 'id' | 'minSeconds' | 'minScroll' | 'cartMin' | 'cartMax'> & {
  minSeconds: string;
  minScroll: string;
  cartMin: string;
  cartMax: string;
};
type Tri = Draft['returning'];

const num = (v: number | undefined) => (v === undefined ? '' : String(v));
const tri = (v: boolean | undefined): Tri => (v === undefined ? 'any' : v ? 'yes' : 'no');

function toDraft(rule: WidgetActionRule | null): Draft {
  const c = rule?.conditions ?? {};
  const a = rule?.action;
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    urlOp: c.url?.op ?? (rule ? 'any' : 'contains'),
    urlValue: c.url?.value ?? '',
    minSeconds: rule ? num(c.minSeconds) : '5',
    minScroll: num(c.minScroll),
    returning: tri(c.returning),
    identified: tri(c.identified),
    open: tri(c.open),
    cartMin: num(c.cartMin),
    cartMax: num(c.cartMax),
    action: a?.kind ?? 'message',
    message: a && 'message' in a ? (a.message ?? '') : '',
    flowId: a?.kind === 'flow' ? a.flowId : '',
    cap: rule?.cap ?? 'visit',
  };
}

const URL_CHOICES = [
  ['any', 'Any page'],
  ['contains', 'Address contains'],
  ['equals', 'Address is exactly'],
  ['regex', 'Address matches the pattern'],
] as const;
const TRI = (yes: string, no: string) => [['any', 'Either'], ['yes', yes], ['no', no]] as const;

/** A rule's name, its conditions (all must hold), what it does and how often. */
export function ActionRuleForm({
  workspaceId,
  channelId,
  flows,
  rule,
  onDone,
  onCancel,
}: {
  workspaceId: string;
  channelId: string;
  flows: Flow[];
  rule: WidgetActionRule | null;
  onDone(): void;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(rule));
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const saved = await saveWidgetRuleAction({ workspaceId, channelId, ...(rule ? { id: rule.id } : {}), ...draft });
      setResult(saved);
      if (saved.ok) onDone();
    });
  };

  const takesMessage = draft.action === 'open' || draft.action === 'message' || draft.action === 'flow';
  return (
    <form onSubmit={onSubmit} aria-label={rule ? `Edit ${rule.name}` : 'New action rule'} className="space-y-4 rounded-xl border border-brand-200 bg-white p-4 sm:p-6">
      <TextField label="Name" required maxLength={80} value={draft.name} onValueChange={(v) => set('name', v)} error={fieldError('name')} placeholder="e.g. Help on the pricing page" />
      <CheckboxField label="On" checked={draft.enabled} onCheckedChange={(v) => set('enabled', v)} />

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">When all of these hold</legend>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
          <SelectField label="Page" value={draft.urlOp} choices={URL_CHOICES} onValueChange={(v) => set('urlOp', v)} />
          {draft.urlOp !== 'any' && (
            <TextField
              label={draft.urlOp === 'regex' ? 'Pattern' : 'Address'}
              hint={draft.urlOp === 'regex' ? 'A regular expression, any case, e.g. /(pricing|plans)' : 'Part of the address, any case, e.g. /pricing'}
              maxLength={500}
              value={draft.urlValue}
              onValueChange={(v) => set('urlValue', v)}
              error={fieldError('urlValue')}
            />
          )}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Seconds on the page, at least" type="number" inputMode="numeric" min={0} value={draft.minSeconds} onValueChange={(v) => set('minSeconds', v)} error={fieldError('minSeconds')} />
          <TextField label="Scrolled, at least (%)" type="number" inputMode="numeric" min={0} max={100} value={draft.minScroll} onValueChange={(v) => set('minScroll', v)} error={fieldError('minScroll')} />
          <TextField
            label="Cart value, at least"
            hint={"Your page passes it: Baton('set', { cartValue: 129.5 })"}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={draft.cartMin}
            onValueChange={(v) => set('cartMin', v)}
            error={fieldError('cartMin')}
          />
          <TextField label="Cart value, at most" type="number" inputMode="decimal" min={0} step="any" value={draft.cartMax} onValueChange={(v) => set('cartMax', v)} error={fieldError('cartMax')} />
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField label="Visitor" value={draft.returning} choices={TRI('Returning visitor', 'First visit')} onValueChange={(v) => set('returning', v)} />
          <SelectField label="Signed in" value={draft.identified} choices={TRI('Signed-in customer', 'Not signed in')} onValueChange={(v) => set('identified', v)} />
          <SelectField label="Business hours" value={draft.open} choices={TRI('While open', 'While closed')} onValueChange={(v) => set('open', v)} />
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Then</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField label="Action" value={draft.action} choices={Object.entries(ACTION_LABELS) as [Draft['action'], string][]} onValueChange={(v) => set('action', v)} />
          <SelectField label="How often" value={draft.cap} choices={Object.entries(CAP_LABELS) as [Draft['cap'], string][]} onValueChange={(v) => set('cap', v)} />
        </div>
        {draft.action === 'flow' && (
          <SelectField label="Flow" value={draft.flowId} onValueChange={(v) => set('flowId', v)} error={fieldError('flowId')} hint={flows.length ? 'The conversation starts with it when the visitor writes' : 'No flow is on: turn one on in Settings → Flows'}>
            <option value="">Choose a flow</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </SelectField>
        )}
        {takesMessage && (
          <TextField
            label={draft.action === 'message' ? 'Message' : 'Message (optional)'}
            hint="Shown in the chat as your shop's, and beside the launcher while the chat is closed"
            multiline
            rows={2}
            maxLength={500}
            showCount
            value={draft.message}
            onValueChange={(v) => set('message', v)}
            error={fieldError('message')}
          />
        )}
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
