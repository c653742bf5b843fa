import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceRoute } from '@/lib/auth/route';
import { conversationsCsvDownload } from '@/lib/reports/conversations-download';

/**
 * The "Conversations" report: one CSV row per conversation opened in the range, streamed.
 * Members only; an agent's file holds only their own conversations (lib/reports/filters).
 * `x-total-rows` lets the page show progress while it downloads.
 */
export const GET = workspaceRoute(
  {
    params: z.object({ workspaceId: z.uuid() }).passthrough(),
    workspace: ({ workspaceId }) => ({ id: workspaceId }),
    role: 'agent',
    kind: 'download',
    messages: { unauthenticated: 'Sign in to download reports' },
  },
  async (_request, { params, ctx, membership }) => {
    const { workspaceId: _ignored, ...filters } = params;
    const { rows, body } = await conversationsCsvDownload(getDb(), ctx, filters);
    const filename = `conversations-${membership.workspaceSlug}-${String(filters.from)}-${String(filters.to)}.csv`.replace(/[^\w.-]/g, '_');
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'x-total-rows': String(rows),
      },
    });
  },
);
