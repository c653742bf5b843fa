import { z } from 'zod';
import { getDb } from '@/db/client';
import { findMembership, roleAllows } from '@/lib/auth/membership';
import { getSessionUser } from '@/lib/auth/session';
import { exportProductsCsv } from '@/lib/commerce/catalogue-admin-csv';

const params = z.object({ workspaceId: z.uuid() });
const notFound = () => new Response('Not found', { status: 404 });

/**
 * Every product of the workspace as CSV (format: lib/commerce/catalogue-admin-csv.ts), for
 * its admins. Not a member: 404 (workspace ids cannot be probed); an agent: 403.
 */
export async function GET(_request: Request, context: { params: Promise<{ workspaceId: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return notFound();
  const user = await getSessionUser();
  if (!user) return new Response('Sign in to export products', { status: 401 });
  const db = getDb();
  const membership = await findMembership(db, user.id, { id: parsed.data.workspaceId });
  if (!membership) return notFound();
  if (!roleAllows(membership.role, 'admin')) return new Response('Only workspace admins can export products', { status: 403 });

  const csv = await exportProductsCsv(db, parsed.data.workspaceId);
  const filename = `products-${membership.workspaceSlug ?? 'shop'}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
