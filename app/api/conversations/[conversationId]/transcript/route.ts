import { z } from 'zod';
import { getDb } from '@/db/client';
import { findMembership } from '@/lib/auth/membership';
import { getSessionUser } from '@/lib/auth/session';
import { conversationWorkspace, exportTranscript } from '@/lib/contacts/export-transcript';
import { UserError } from '@/lib/errors';
import { originFromHeaders } from '@/lib/http/public-origin';
import { browserZoneFromHeaders, loadViewerZones, viewerZone } from '@/lib/time/viewer-zone';

const params = z.object({ conversationId: z.uuid() });
const notFound = () => new Response('Not found', { status: 404 });

/**
 * The conversation's transcript as a CSV download, for signed-in members of its workspace.
 * Another workspace's conversation is "not found", so ids cannot be probed.
 */
export async function GET(request: Request, context: { params: Promise<{ conversationId: string }> }) {
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return notFound();
  const user = await getSessionUser();
  if (!user) return new Response('Sign in to export transcripts', { status: 401 });

  const db = getDb();
  const workspaceId = await conversationWorkspace(db, parsed.data.conversationId);
  const membership = workspaceId ? await findMembership(db, user.id, { id: workspaceId }) : null;
  if (!workspaceId || !membership) return notFound();

  try {
    const zones = await loadViewerZones(db, { userId: user.id, workspaceId }, browserZoneFromHeaders(request.headers));
    const transcript = await exportTranscript(
      db,
      { workspaceId, actor: { id: user.id, name: user.name, email: user.email, role: membership.role } },
      { conversationId: parsed.data.conversationId, origin: originFromHeaders(request.headers, request.url), timeZone: viewerZone(zones) },
    );
    return new Response(transcript.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${transcript.filename}"; filename*=UTF-8''${encodeURIComponent(transcript.filename)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof UserError && error.code === 'not_found') return notFound();
    throw error;
  }
}
