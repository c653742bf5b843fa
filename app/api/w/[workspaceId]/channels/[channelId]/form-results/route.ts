import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceRoute } from '@/lib/auth/route';
import { formResultsCsv } from '@/lib/widget/forms/results-csv';

/** A website chat channel's form results as CSV, streamed. Admins only: the answers are customers' personal data. */
export const GET = workspaceRoute(
  {
    params: z.object({ workspaceId: z.uuid(), channelId: z.uuid() }),
    workspace: ({ workspaceId }) => ({ id: workspaceId }),
    role: 'admin',
    kind: 'download',
    messages: { unauthenticated: 'Sign in to download form results' },
  },
  async (_request, { params, ctx }) => {
    const { filename, body } = await formResultsCsv(getDb(), ctx.workspaceId, params.channelId);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
