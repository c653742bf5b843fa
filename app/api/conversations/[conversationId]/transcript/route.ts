import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceRoute } from '@/lib/auth/route';
import { conversationWorkspace, exportTranscript } from '@/lib/contacts/export-transcript';
import { originFromHeaders } from '@/lib/http/public-origin';
import { browserZoneFromHeaders, loadViewerZones, viewerZone } from '@/lib/time/viewer-zone';

/**
 * The conversation's transcript as a CSV download, for signed-in members of its workspace.
 * Another workspace's conversation is "not found", so ids cannot be probed.
 */
export const GET = workspaceRoute(
  {
    params: z.object({ conversationId: z.uuid() }),
    workspace: async ({ conversationId }) => {
      const workspaceId = await conversationWorkspace(getDb(), conversationId);
      return workspaceId ? { id: workspaceId } : null;
    },
    role: 'agent',
    kind: 'download',
    messages: { unauthenticated: 'Sign in to export transcripts' },
  },
  async (request, { params, ctx }) => {
    const zones = await loadViewerZones(getDb(), { userId: ctx.actor.id, workspaceId: ctx.workspaceId }, browserZoneFromHeaders(request.headers));
    const transcript = await exportTranscript(getDb(), ctx, {
      conversationId: params.conversationId,
      origin: originFromHeaders(request.headers, request.url),
      timeZone: viewerZone(zones),
    });
    return new Response(transcript.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${transcript.filename}"; filename*=UTF-8''${encodeURIComponent(transcript.filename)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
