import { Video } from 'lucide-react';
import { getDb } from '@/lib/db';
import { listContactRecordings } from '@/lib/recordings/list';
import { LocalTime } from '@/components/time/time-zone';
import { formatDuration, shortPage } from './format';
import { PlayRecordingButton } from './play-recording-button';

/**
 * The customer's recorded visits to the shop's pages (website chat with "Record visits" on),
 * newest first: when, how long, which pages, and Play. Shown for customers of the website chat.
 */
export async function CustomerRecordings({ workspaceId, contactId }: { workspaceId: string; contactId: string }) {
  const recordings = await listContactRecordings(getDb(), workspaceId, contactId);
  return (
    <section className="border-t border-slate-100 pt-4" aria-labelledby="recordings-heading">
      <h3 id="recordings-heading" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Visit recordings
      </h3>
      {recordings.length === 0 ? (
        <p className="text-sm text-slate-500">No recorded visits. They appear here when the website chat records visits and this customer has chatted.</p>
      ) : (
        <ul aria-label="Visit recordings" className="space-y-2">
          {recordings.map((r) => (
            <li key={r.id} className="rounded-md bg-slate-50 p-2 text-sm">
              <div className="flex items-start justify-between gap-2">
                <p className="flex min-w-0 items-center gap-1.5">
                  <Video aria-hidden className="h-4 w-4 shrink-0 text-slate-500" />
                  <span className="min-w-0">
                    <LocalTime value={r.startedAt} />
                    <span className="text-slate-500"> · {formatDuration(r.durationMs)}</span>
                  </span>
                </p>
                <PlayRecordingButton workspaceId={workspaceId} recordingId={r.id} startedAt={r.startedAt} />
              </div>
              {r.pages.length > 0 && (
                <ul aria-label="Pages visited" className="mt-1 space-y-0.5 text-xs text-slate-600">
                  {r.pages.slice(0, 4).map((page, i) => (
                    <li key={`${i}-${page}`} className="truncate" title={page}>
                      {shortPage(page)}
                    </li>
                  ))}
                  {r.pages.length > 4 && <li className="text-slate-500">and {r.pages.length - 4} more</li>}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
