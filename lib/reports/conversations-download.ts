import type { Db } from '@/db/client';
import { csvStream } from '@/lib/csv/stream';
import { parseInput } from '@/lib/auth/action-core';
import { conversationsCsv, countConversations } from './conversations-csv';
import { reportFiltersInput, reportScope, type ReportContext } from './filters';
import { loadShop } from './shop';

/**
 * The Conversations CSV as a byte stream that reads the next batch only when the client
 * has taken the last one (pull), so a slow download holds one batch, not the file.
 */
export async function conversationsCsvDownload(db: Db, ctx: ReportContext, raw: unknown): Promise<{ rows: number; body: ReadableStream<Uint8Array> }> {
  const filters = parseInput(reportFiltersInput, raw);
  const shop = await loadShop(db, ctx.workspaceId);
  const scope = reportScope(ctx, filters, shop.zone);
  const rows = await countConversations(db, scope);
  return { rows, body: csvStream(conversationsCsv(db, scope)) };
}
