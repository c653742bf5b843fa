import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversationFilters, rowsOf, toNumber, type ReportScope } from './filters';

export type CsatReport = {
  /** Ratings given in the range (by when the visitor rated). */
  responses: number;
  /** Their mean, to one decimal; null without responses. */
  average: number | null;
  /** How many of each rating, 1 to 5 (every rating listed, zeros too). */
  distribution: { rating: number; count: number }[];
};

/** Customer satisfaction: the website chat's ratings after a resolve, under the report's filters. */
export async function csatReport(db: DbOrTx, scope: ReportScope): Promise<CsatReport> {
  const result = await db.execute(sql`
    select r.rating, count(*) as n
    from csat_responses r join conversations c on c.id = r.conversation_id
    where r.workspace_id = ${scope.workspaceId} and r.created_at >= ${scope.from} and r.created_at < ${scope.to} and ${conversationFilters(scope)}
    group by r.rating`);
  const counts = new Map(rowsOf<{ rating: number; n: string }>(result).map((r) => [Number(r.rating), toNumber(r.n)]));
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating, count: counts.get(rating) ?? 0 }));
  const responses = distribution.reduce((sum, d) => sum + d.count, 0);
  const total = distribution.reduce((sum, d) => sum + d.rating * d.count, 0);
  return { responses, average: responses ? Math.round((total / responses) * 10) / 10 : null, distribution };
}
