import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleLinks, HelpShell } from '@/components/help/help-shell';
import { getDb } from '@/lib/db';
import { helpCentreSections, loadHelpCentre, pickLocale, searchHelpCentre } from '@/lib/articles/help-centre';

// The shop's public help centre: published articles only, no session.

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const centre = await loadHelpCentre(getDb(), (await params).workspace);
  return { title: { absolute: centre ? `${centre.name} · Help centre` : 'Help centre' } };
}

export default async function HelpCentrePage({ params, searchParams }: Props) {
  const db = getDb();
  const centre = await loadHelpCentre(db, (await params).workspace);
  if (!centre) notFound();
  const query = await searchParams;
  const q = (one(query.q) ?? '').trim().slice(0, 200);
  const locale = pickLocale(centre, one(query.lang));
  if (q) {
    const hits = await searchHelpCentre(db, centre.workspaceId, q, locale);
    return (
      <HelpShell centre={centre} locale={locale} q={q}>
        <h1 className="text-lg font-semibold" aria-live="polite">
          {hits.length === 0 ? `No articles match “${q}”` : `${hits.length} ${hits.length === 1 ? 'article matches' : 'articles match'} “${q}”`}
        </h1>
        {hits.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Try other words, or ask us in the chat.</p>
        ) : (
          <div className="mt-4">
            <ArticleLinks workspaceSlug={centre.slug} items={hits} label="Search results" />
          </div>
        )}
      </HelpShell>
    );
  }
  const sections = await helpCentreSections(db, centre.workspaceId, locale);
  return (
    <HelpShell centre={centre} locale={locale} q="">
      {sections.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No articles yet.</p>
      ) : (
        <div className="space-y-8">
          {sections.map((s) => (
            <section key={s.id ?? 'more'} aria-labelledby={`cat-${s.id ?? 'more'}`}>
              <h2 id={`cat-${s.id ?? 'more'}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
                {s.name}
              </h2>
              <ArticleLinks workspaceSlug={centre.slug} items={s.articles} label={s.name} />
            </section>
          ))}
        </div>
      )}
    </HelpShell>
  );
}
