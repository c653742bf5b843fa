import type { DbOrTx } from '@/db/client';
import { parseInput } from '@/lib/auth/action-core';
import { agentsReport } from './agents';
import { botReport } from './bot';
import { conversationsReport } from './conversations';
import { csatReport } from './csat';
import { reportFiltersInput, reportScope, type ReportContext } from './filters';
import { responseTimesReport } from './response-times';
import { salesReport } from './sales';
import { loadShop } from './shop';

/** Every report for the Reports page, the filters checked (zod) and an agent held to their own figures. */
export async function loadReports(db: DbOrTx, ctx: ReportContext, raw: unknown) {
  const filters = parseInput(reportFiltersInput, raw);
  const shop = await loadShop(db, ctx.workspaceId);
  const scope = reportScope(ctx, filters, shop.zone);
  const [conversations, responseTimes, agents, bot, sales, csat] = await Promise.all([
    conversationsReport(db, scope),
    responseTimesReport(db, scope, shop.hours),
    agentsReport(db, scope),
    botReport(db, scope),
    salesReport(db, scope),
    csatReport(db, scope),
  ]);
  return { filters, zone: shop.zone, conversations, responseTimes, agents, bot, sales, csat };
}

export type Reports = Awaited<ReturnType<typeof loadReports>>;
