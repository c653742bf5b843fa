'use client';

import { useCallback, useEffect, useId, useRef, useState, useTransition } from 'react';
import { cancelReminderAction, createReminderAction, listRemindersAction } from '@/app/w/[slug]/inbox/reminder-actions';
import { useFormatTime, useTimeZone } from '@/components/time/time-zone';
import type { ReminderPreset } from '@/lib/reminders/due-time';
import { zonedInputToIso, zoneLabel } from '@/lib/time/format';
import type { ReminderView } from '@/lib/reminders/types';
import { AlarmClock } from 'lucide-react';

type Props = {
  workspaceId: string;
  conversationId: string;
  /** The workspace's time zone: "Tomorrow" and "Next week" are 9:00 there. */
  timeZone?: string;
};

const presets: { preset: Exclude<ReminderPreset, 'custom'>; label: string }[] = [
  { preset: '1h', label: 'In 1 hour' },
  { preset: '2h', label: 'In 2 hours' },
  { preset: 'tomorrow', label: 'Tomorrow, 9:00' },
  { preset: 'next_week', label: 'Next week (Mon 9:00)' },
];

/**
 * "Set reminder" for the conversation header: 1 hour, 2 hours, tomorrow, next week or a
 * chosen date and time, with a note; lists my pending reminders here with a cancel button.
 */
// Long: one menu: the presets, the custom date form and my pending reminders; most of it is markup.
export function ReminderButton({ workspaceId, conversationId, timeZone }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [custom, setCustom] = useState('');
  const [reminders, setReminders] = useState<ReminderView[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, start] = useTransition();
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const format = useFormatTime();
  const { zone } = useTimeZone();
  const formatDue = (iso: string) => format(iso, 'datetime');

  const load = useCallback(async () => {
    const result = await listRemindersAction({ workspaceId, conversationId });
    if (result.ok) setReminders(result.data);
    else setMessage({ kind: 'error', text: result.error });
  }, [workspaceId, conversationId]);

  useEffect(() => {
    setReminders(null);
    setMessage(null);
    void load();
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const set = (preset: ReminderPreset, at?: string) =>
    start(async () => {
      const result = await createReminderAction({ workspaceId, conversationId, preset, at, note });
      if (!result.ok) {
        setMessage({ kind: 'error', text: result.error });
        return;
      }
      setMessage({ kind: 'ok', text: `Reminder set for ${formatDue(result.data.dueAt)}.` });
      setNote('');
      setCustom('');
      await load();
    });

  const cancel = (reminderId: string) =>
    start(async () => {
      const result = await cancelReminderAction({ workspaceId, reminderId });
      setMessage(result.ok ? { kind: 'ok', text: 'Reminder cancelled.' } : { kind: 'error', text: result.error });
      await load();
    });

  const count = reminders?.length ?? 0;
  const button = 'inline-flex items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => setOpen(!open)}
        className={button}
        title={count ? `${count} reminder${count === 1 ? '' : 's'} set` : 'Set a reminder'}
      >
        <AlarmClock className="size-3.5 shrink-0" />
        {count ? `Reminders (${count})` : 'Remind me'}
      </button>
      {open && (
        <div
          id={`${id}-panel`}
          role="region"
          aria-label="Reminders"
          data-popover
          // On phones a sheet at the bottom of the screen, over the conversation's actions sheet.
          className="fixed inset-x-0 bottom-0 z-50 rounded-t-2xl border border-slate-200 bg-white p-4 pb-[max(1rem,env(safe-area-inset-bottom))] text-sm shadow-2xl sm:absolute sm:inset-x-auto sm:bottom-auto sm:right-0 sm:top-auto sm:mt-1 sm:w-72 sm:rounded-lg sm:p-3 sm:shadow-lg"
        >
          <label htmlFor={`${id}-note`} className="block text-xs font-medium text-slate-600">
            Note (optional)
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={500}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What to follow up on"
            className="mt-1 w-full resize-none rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <p className="mt-2 text-xs font-medium text-slate-600">Remind me</p>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {presets.map((p) => (
              <button key={p.preset} type="button" disabled={pending} onClick={() => set(p.preset)} className={button}>
                {p.label}
              </button>
            ))}
          </div>
          {timeZone && <p className="mt-1 text-[11px] text-slate-500">9:00 shop time ({zoneLabel(timeZone)}).</p>}
          <form
            className="mt-2 flex items-end gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              // The date and time are read in the agent's zone, the one every time is shown in.
              const at = zone ? zonedInputToIso(custom, zone) : null;
              if (!at) return setMessage({ kind: 'error', text: 'Choose a date and time.' });
              set('custom', at);
            }}
          >
            <div className="min-w-0 flex-1">
              <label htmlFor={`${id}-at`} className="block text-xs font-medium text-slate-600">
                Date and time{zone ? ` (${zone.replace(/_/g, ' ')})` : ''}
              </label>
              <input
                id={`${id}-at`}
                type="datetime-local"
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                className="mt-1 w-full rounded-md border border-slate-300 px-1.5 py-1 text-xs"
              />
            </div>
            <button type="submit" disabled={pending || !custom} className={button}>
              Set
            </button>
          </form>
          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={`mt-2 text-xs ${message.kind === 'error' ? 'text-red-600' : 'text-emerald-700'}`}>
              {message.text}
            </p>
          )}
          <div className="mt-3 border-t border-slate-100 pt-2">
            <p className="text-xs font-medium text-slate-600">My reminders here</p>
            {reminders === null ? (
              <p className="mt-1 text-xs text-slate-400">Loading…</p>
            ) : reminders.length === 0 ? (
              <p className="mt-1 text-xs text-slate-400">None set.</p>
            ) : (
              <ul aria-label="My reminders" className="mt-1 space-y-1">
                {reminders.map((r) => (
                  <li key={r.id} className="flex items-start justify-between gap-2 text-xs">
                    <span className="min-w-0">
                      <time dateTime={r.dueAt} className="font-medium text-slate-800">
                        {formatDue(r.dueAt)}
                      </time>
                      {r.note && <span className="block truncate text-slate-500">{r.note}</span>}
                    </span>
                    <button type="button" disabled={pending} onClick={() => cancel(r.id)} className="shrink-0 text-red-600 hover:underline" aria-label={`Cancel the reminder for ${formatDue(r.dueAt)}`}>
                      Cancel
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
