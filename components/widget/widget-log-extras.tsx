'use client';

import type { Choice } from './message-bubble';
import { fillText } from '@/lib/widget/i18n/fill';
import { useWidgetText } from './strings';

// Parts of the chat that only a conversation under way shows (an agent typing, earlier
// pages, suggested answers): loaded when first shown, so a new visitor's
// first open downloads none of them (bench/widget-weight.ts).

/** "Load earlier messages" above the history, while there are earlier pages. */
export function LoadEarlier({ older }: { older: { loading: boolean; load(): void } }) {
  const t = useWidgetText();
  return (
    <div className="mb-3 text-center">
      <button type="button" onClick={older.load} disabled={older.loading} className="rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow-sm">
        {older.loading ? t.loading : t.loadEarlier}
      </button>
    </div>
  );
}

export function AgentTyping({ name }: { name: string }) {
  const t = useWidgetText();
  return (
    <p className="mt-3 flex items-center gap-2 px-1 text-xs text-slate-500" role="status" data-testid="agent-typing">
      <span className="flex gap-0.5" aria-hidden="true">
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:150ms]" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:300ms]" />
      </span>
      {fillText(t.typing, { name })}
    </p>
  );
}

/** The last reply's suggested answers, one tap each. */
export function QuickReplies({ replies, color, onChoice }: { replies: Choice[]; color: string; onChoice(choice: Choice): void }) {
  const t = useWidgetText();
  return (
    <div className="flex shrink-0 gap-2 overflow-x-auto px-3 pb-2" role="group" aria-label={t.suggestedReplies}>
      {replies.map((q, i) => (
        <button key={i} type="button" onClick={() => onChoice(q)} className="shrink-0 rounded-full border bg-white px-3 py-1.5 text-sm" style={{ borderColor: color }}>
          {q.title}
        </button>
      ))}
    </div>
  );
}
