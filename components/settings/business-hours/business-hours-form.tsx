'use client';

import { useId, useState, useTransition } from 'react';
import { CalendarX2, Plus, X } from 'lucide-react';
import type { ActionResult } from '@/lib/auth/action-core';
import { AWAY_MESSAGE_MAX, MAX_HOLIDAYS, MAX_PERIODS_PER_DAY, WEEKDAY_LABELS, WEEKDAYS, type BusinessHoursSettings, type Weekday } from '@/lib/business-hours/schedule';
import { FormFooter, SecondaryButton, inputClass } from '@/components/ui/form-kit';

type PeriodDraft = { from: string; to: string };
type Draft = {
  enabled: boolean;
  days: Record<Weekday, PeriodDraft[]>;
  holidays: { date: string; name: string }[];
  awayMessage: string;
};

type Save = (input: BusinessHoursSettings & { workspaceId: string }) => Promise<ActionResult<BusinessHoursSettings>>;

const toDraft = (s: BusinessHoursSettings): Draft => ({
  enabled: s.enabled,
  days: Object.fromEntries(
    WEEKDAYS.map((d) => [d, s.days[d].map((p) => {
      const [from, to] = p.split('-');
      // Midnight as the end of a day is stored as 24:00 and shown as 00:00 (what a time input can hold).
      return { from, to: to === '24:00' ? '00:00' : to };
    })]),
  ) as Record<Weekday, PeriodDraft[]>,
  holidays: s.holidays,
  awayMessage: s.awayMessage,
});

const toInput = (d: Draft): BusinessHoursSettings => ({
  enabled: d.enabled,
  days: Object.fromEntries(WEEKDAYS.map((day) => [day, d.days[day].map((p) => `${p.from}-${p.to}`)])) as Record<Weekday, string[]>,
  holidays: d.holidays.map((h) => ({ date: h.date, name: h.name.trim() })),
  awayMessage: d.awayMessage,
});

/** The weekly schedule (several periods a day), closed dates and the away message. */
export function BusinessHoursForm({ workspaceId, settings, save }: { workspaceId: string; settings: BusinessHoursSettings; save: Save }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [result, setResult] = useState<ActionResult<BusinessHoursSettings> | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);

  const setDay = (day: Weekday, periods: PeriodDraft[]) => setDraft((d) => ({ ...d, days: { ...d.days, [day]: periods } }));
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const saved = await save({ workspaceId, ...toInput(draft) });
      setResult(saved);
      if (saved.ok) setDraft(toDraft(saved.data));
    });
  };

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" aria-label="Business hours">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} className="mt-1" />
        <span>
          <strong>Keep business hours.</strong> Off: your shop counts as always open.
        </span>
      </label>

      <fieldset disabled={!draft.enabled} className="space-y-3 disabled:opacity-60">
        <legend className="text-sm font-medium text-slate-700">Opening hours</legend>
        {fieldError('days') && <p className="text-sm text-red-600">{fieldError('days')}</p>}
        <ul className="divide-y divide-slate-100">
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} periods={draft.days[day]} onChange={(p) => setDay(day, p)} error={fieldError(day)} />
          ))}
        </ul>
      </fieldset>

      <fieldset disabled={!draft.enabled} className="space-y-2 disabled:opacity-60">
        <legend className="text-sm font-medium text-slate-700">Closed dates</legend>
        <p className="text-sm text-slate-600">Public holidays and days off: closed all day, whatever the weekday says.</p>
        {fieldError('holidays') && <p className="text-sm text-red-600">{fieldError('holidays')}</p>}
        {draft.holidays.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <CalendarX2 aria-hidden className="size-4" /> No closed dates.
          </p>
        ) : (
          <ul className="space-y-2">
            {draft.holidays.map((h, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2">
                <input
                  type="date"
                  required
                  aria-label={`Closed date ${i + 1}`}
                  value={h.date}
                  onChange={(e) => setDraft((d) => ({ ...d, holidays: d.holidays.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)) }))}
                  className={`${inputClass} mt-0 w-auto`}
                />
                <input
                  type="text"
                  aria-label={`Name of closed date ${i + 1}`}
                  placeholder="e.g. New Year"
                  maxLength={100}
                  value={h.name}
                  onChange={(e) => setDraft((d) => ({ ...d, holidays: d.holidays.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) }))}
                  className={`${inputClass} mt-0 w-auto min-w-0 flex-1`}
                />
                <button
                  type="button"
                  aria-label={`Remove closed date ${i + 1}`}
                  onClick={() => setDraft((d) => ({ ...d, holidays: d.holidays.filter((_, j) => j !== i) }))}
                  className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                >
                  <X aria-hidden className="size-4" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <SecondaryButton
          disabled={draft.holidays.length >= MAX_HOLIDAYS}
          onClick={() => setDraft((d) => ({ ...d, holidays: [...d.holidays, { date: '', name: '' }] }))}
          className="inline-flex items-center gap-1"
        >
          <Plus aria-hidden className="size-4" /> Add closed date
        </SecondaryButton>
      </fieldset>

      <div>
        <label htmlFor={`${id}-away`} className="block text-sm font-medium text-slate-700">
          Away message
        </label>
        <p id={`${id}-away-hint`} className="mt-1 text-sm text-slate-600">
          Sent instead of the hand-off message when a customer asks for a person while you are closed, followed by when you open again.
          Leave it empty to send the usual hand-off message.
        </p>
        <textarea
          id={`${id}-away`}
          rows={3}
          maxLength={AWAY_MESSAGE_MAX}
          value={draft.awayMessage}
          disabled={!draft.enabled}
          aria-describedby={`${id}-away-hint`}
          onChange={(e) => setDraft((d) => ({ ...d, awayMessage: e.target.value }))}
          className={inputClass}
        />
        {fieldError('awayMessage') && <p className="mt-1 text-sm text-red-600">{fieldError('awayMessage')}</p>}
      </div>

      <FormFooter pending={pending} state={result}>
        Save business hours
      </FormFooter>
    </form>
  );
}

function DayRow({ day, periods, onChange, error }: { day: Weekday; periods: PeriodDraft[]; onChange(periods: PeriodDraft[]): void; error?: string }) {
  const label = WEEKDAY_LABELS[day];
  const update = (i: number, patch: Partial<PeriodDraft>) => onChange(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <li className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start" data-testid={`hours-${day}`}>
      <span className="w-28 shrink-0 pt-1.5 text-sm font-medium text-slate-800">{label}</span>
      <div className="min-w-0 flex-1 space-y-2">
        {periods.length === 0 && <p className="pt-1.5 text-sm text-slate-500">Closed</p>}
        {periods.map((p, i) => (
          <div key={i} className="flex flex-wrap items-center gap-2">
            <input type="time" required aria-label={`${label} period ${i + 1} opens`} value={p.from} onChange={(e) => update(i, { from: e.target.value })} className={`${inputClass} mt-0 w-auto`} />
            <span aria-hidden className="text-slate-500">–</span>
            <input type="time" required aria-label={`${label} period ${i + 1} closes`} value={p.to} onChange={(e) => update(i, { to: e.target.value })} className={`${inputClass} mt-0 w-auto`} />
            <button
              type="button"
              aria-label={`Remove ${label} period ${i + 1}`}
              onClick={() => onChange(periods.filter((_, j) => j !== i))}
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
        ))}
        {error && <p className="text-sm text-red-600">{error}</p>}
      </div>
      <SecondaryButton
        aria-label={`Add a period on ${label}`}
        disabled={periods.length >= MAX_PERIODS_PER_DAY}
        onClick={() => onChange([...periods, periods.length ? { from: periods[periods.length - 1].to === '00:00' ? '00:00' : periods[periods.length - 1].to, to: '00:00' } : { from: '09:00', to: '18:00' }])}
        className="inline-flex shrink-0 items-center gap-1 self-start"
      >
        <Plus aria-hidden className="size-4" /> Add period
      </SecondaryButton>
    </li>
  );
}
