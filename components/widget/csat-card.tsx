'use client';

import { Angry, Frown, Laugh, Meh, Smile, type LucideIcon } from 'lucide-react';
import { useState } from 'react';
import type { WidgetTextKey } from '@/lib/widget/i18n/en';
import type { WidgetConfig } from '@/lib/widget/types';
import { useWidgetText } from './strings';

const RATINGS: { value: number; label: WidgetTextKey; Icon: LucideIcon }[] = [
  { value: 1, label: 'ratingVeryUnhappy', Icon: Angry },
  { value: 2, label: 'ratingUnhappy', Icon: Frown },
  { value: 3, label: 'ratingNeutral', Icon: Meh },
  { value: 4, label: 'ratingHappy', Icon: Smile },
  { value: 5, label: 'ratingVeryHappy', Icon: Laugh },
];

/** "How did we do?": five faces as a radio group (arrow keys move between them), an optional comment, Send. */
export function CsatCard({ config, onRate }: { config: WidgetConfig; onRate(rating: number, comment: string): Promise<void> }) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const t = useWidgetText();

  return (
    <form
      aria-label={t.rateConversation}
      data-testid="csat-card"
      className="shrink-0 space-y-2 border-t border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating === null) return setProblem(t.chooseRating);
        setSending(true);
        setProblem(null);
        onRate(rating, comment)
          .catch((error: unknown) => setProblem(error instanceof Error ? error.message : t.somethingWrong))
          .finally(() => setSending(false));
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t.howDidWeDo}</legend>
        <div className="mt-2 flex justify-between gap-1">
          {RATINGS.map(({ value, label, Icon }) => (
            <label key={value} className="relative flex flex-1 cursor-pointer flex-col items-center gap-0.5 rounded-lg p-1 text-[11px] text-slate-600 has-[:checked]:bg-slate-100 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-slate-500">
              <input type="radio" name="csat-rating" value={value} checked={rating === value} onChange={() => setRating(value)} className="absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0" aria-label={`${value} – ${t[label]}`} />
              <Icon aria-hidden="true" className="h-7 w-7" style={rating === value ? { color: config.color } : undefined} />
              <span aria-hidden="true">{value}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="csat-comment" className="block text-xs font-medium text-slate-700">
        {t.comment} <span className="font-normal text-slate-500">{t.optional}</span>
      </label>
      <textarea id="csat-comment" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} className="block w-full resize-none rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none" />
      {problem && (
        <p role="alert" className="text-xs text-red-600">
          {problem}
        </p>
      )}
      <button type="submit" disabled={sending} className="w-full rounded-full px-4 py-2 text-sm font-medium disabled:opacity-60" style={{ background: config.color, color: config.textColor }}>
        {sending ? t.sending : t.sendRating}
      </button>
    </form>
  );
}

export function CsatThanks() {
  const t = useWidgetText();
  return (
    <p role="status" className="shrink-0 border-t border-slate-200 bg-white p-3 text-center text-sm text-slate-700">
      {t.thanksRating}
    </p>
  );
}
