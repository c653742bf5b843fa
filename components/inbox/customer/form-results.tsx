import { Angry, Frown, Laugh, Meh, Smile } from 'lucide-react';
import { getDb } from '@/lib/db';
import { RelativeTime } from '@/components/ui/relative-time';
import { listCsatForContact } from '@/lib/widget/csat';
import { listFormResults } from '@/lib/widget/forms/results';

const FACES = [Angry, Frown, Meh, Smile, Laugh];

/**
 * What the customer told the shop in forms ("Form results": each answered pre-chat form or bot flow form,
 * collapsible) and their satisfaction ratings after a resolve. Nothing shows when there is none.
 */
export async function FormResultsAndRatings({ workspaceId, contactId }: { workspaceId: string; contactId: string }) {
  const db = getDb();
  const [results, ratings] = await Promise.all([listFormResults(db, workspaceId, contactId), listCsatForContact(db, workspaceId, contactId)]);
  return (
    <>
      {results.length > 0 && (
        <section className="border-t border-slate-100 pt-4" aria-labelledby="form-results-heading">
          <details open>
            <summary id="form-results-heading" className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">
              Form results ({results.length})
            </summary>
            <ul aria-label="Form results" className="mt-2 space-y-3">
              {results.map((r) => (
                <li key={r.id} className="rounded-md bg-slate-50 p-2 text-sm">
                  <p className="text-xs text-slate-500">
                    {r.formKind === 'flow' ? `Bot flow${r.flowName ? ` “${r.flowName}”` : ''}` : 'Pre-chat form'} · {r.channelName} · <RelativeTime iso={r.createdAt} />
                  </p>
                  <dl className="mt-1 space-y-0.5">
                    {r.answers.map((a) => (
                      <div key={a.key} className="flex gap-2">
                        <dt className="shrink-0 text-slate-500">{a.label}</dt>
                        <dd className="min-w-0 break-words">{a.value}</dd>
                      </div>
                    ))}
                  </dl>
                  {r.consentText && <p className="mt-1 text-xs text-slate-500">Agreed: “{r.consentText}”</p>}
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}
      {ratings.length > 0 && (
        <section className="border-t border-slate-100 pt-4">
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Satisfaction</h3>
          <ul aria-label="Satisfaction ratings" className="space-y-2">
            {ratings.map((r) => {
              const Face = FACES[r.rating - 1] ?? Meh;
              return (
                <li key={r.conversationId} className="text-sm">
                  <p className="flex items-center gap-1.5">
                    <Face aria-hidden className="h-4 w-4 text-slate-600" />
                    <span className="font-medium">Rated {r.rating} of 5</span>
                    <span className="text-xs text-slate-500">
                      · <RelativeTime iso={r.createdAt} />
                    </span>
                  </p>
                  {r.comment && <p className="mt-0.5 whitespace-pre-wrap break-words text-slate-700">“{r.comment}”</p>}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
