import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceRoute } from '@/lib/auth/route';
import { exportProductsCsv } from '@/lib/commerce/catalogue-admin/csv-export';

/**
 * Every product of the workspace as CSV (format: lib/commerce/catalogue-admin/csv-format.ts), for
 * its admins. Not a member: 404 (workspace ids cannot be probed); an agent: 403.
 */
export const GET = workspaceRoute(
  {
    params: z.object({ workspaceId: z.uuid() }),
    workspace: ({ workspaceId }) => ({ id: workspaceId }),
    role: 'admin',
    kind: 'download',
    messages: { unauthenticated: 'Sign in to export products', forbidden: 'Only workspace admins can export products' },
  },
  async (_request, { ctx, membership }) => {
    const csv = await exportProductsCsv(getDb(), ctx.workspaceId);
    const filename = `products-${membership.workspaceSlug ?? 'shop'}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
