import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { BuilderOptions } from '@/components/flows/step-form';
import { getDb } from '@/lib/db';
import { teams } from '@/db/schema';
import { listCheckoutTargets } from '@/lib/commerce/hand-back-options';
import { listFlows } from '@/lib/flows/store';
import { searchArticles } from '@/lib/articles/search';

/** What the builder's pickers offer: products, collections, teams, the other flows and published articles. */
export async function loadBuilderOptions(workspaceId: string, exceptFlowId?: string): Promise<BuilderOptions> {
  const db = getDb();
  const [catalogue, teamRows, flowRows, articleRows] = await Promise.all([
    listCheckoutTargets(db, workspaceId),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name)),
    listFlows(db, workspaceId),
    searchArticles(db, workspaceId, { q: '', limit: 100 }),
  ]);
  return {
    products: catalogue.products,
    collections: catalogue.collections,
    teams: teamRows,
    flows: flowRows.filter((f) => f.id !== exceptFlowId).map((f) => ({ id: f.id, name: f.name })),
    articles: articleRows.map((a) => ({ id: a.id, name: a.title })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
