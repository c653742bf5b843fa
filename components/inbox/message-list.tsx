import type { HistoryMessage } from '@/lib/inbox/history';
import { RetryButton } from './retry-button';

function senderLabel(m: HistoryMessage, contactName: string) {
  if (m.senderKind === 'customer') return contactName;
  if (m.senderKind === 'bot') return 'Bot';
  return m.senderName ?? 'Agent';
}

function Content({ m }: { m: HistoryMessage }) {
  // Bodies are rendered as text (React escapes them); never as HTML.
  if (m.body) return <p className="whitespace-pre-wrap break-words">{m.body}</p>;
  if (m.attachments.length > 0) return <p className="italic">{m.attachments.map((a) => a.name ?? a.kind).join(', ')}</p>;
  return <p className="italic">{m.kind[0].toUpperCase() + m.kind.slice(1)}</p>;
}

/** The conversation history; the full composer and message kinds come with the inbox issue. */
export function MessageList({ messages, contactName, workspaceId }: { messages: HistoryMessage[]; contactName: string; workspaceId: string }) {
  if (messages.length === 0) return <p className="p-6 text-center text-sm text-slate-500">No messages yet.</p>;
  return (
    <ol className="flex flex-col gap-2 p-4" aria-label="Messages">
      {messages.map((m) => {
        const time = new Date(m.createdAt);
        if (m.kind === 'status') {
          return (
            <li key={m.id} className="my-1 text-center text-xs text-slate-500">
              {m.body} · <time dateTime={m.createdAt}>{time.toLocaleString()}</time>
            </li>
          );
        }
        const mine = m.direction !== 'inbound';
        const note = m.kind === 'note';
        return (
          <li key={m.id} className={`flex ${mine ? 'justify-end' : 'justify-start'}`}>
            <div
              className={`max-w-[80%] rounded-2xl px-3 py-2 text-sm shadow-sm ${
                note
                  ? 'border border-amber-200 bg-amber-50 text-amber-900'
                  : mine
                    ? 'bg-brand-600 text-white'
                    : 'bg-white text-slate-900'
              }`}
            >
              <p className={`mb-0.5 text-xs ${mine && !note ? 'text-brand-100' : 'text-slate-500'}`}>
                {note ? 'Note · ' : ''}
                {senderLabel(m, contactName)}
              </p>
              <Content m={m} />
              <p className={`mt-1 text-right text-[11px] ${mine && !note ? 'text-brand-100' : 'text-slate-400'}`}>
                <time dateTime={m.createdAt} title={time.toLocaleString()}>
                  {time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
                </time>
                {m.direction === 'outbound' && ` · ${m.status}`}
              </p>
              {m.status === 'failed' && (
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-red-100" role="status">
                  <span>Not sent{m.error ? `: ${m.error}` : ''}</span>
                  <RetryButton workspaceId={workspaceId} messageId={m.id} />
                </p>
              )}
              {m.status === 'queued' && m.error && <p className="mt-1 text-xs text-brand-100">{m.error}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
