import { z } from 'zod';
import { getDb } from '@/db/client';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { gateWorkspaceMember } from '@/lib/auth/route-gate';
import { getSessionUser } from '@/lib/auth/session';
import { agentUploadInput, uploadAgentFile } from '@/lib/files/agent-upload';
import { AGENT_UPLOAD_MAX_REQUEST_BYTES } from '@/lib/files/upload-check';
import { readFormCapped } from '@/lib/http/read-body';

const statusOf: Record<string, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, error: 500 };

const refuse = (status: number, code: string, error: string) =>
  Response.json({ ok: false, code, error }, { status, headers: { 'cache-control': 'no-store' } });

const workspaceParam = z.uuid('Unknown workspace');

/**
 * An agent uploads an attachment for a conversation: `POST /api/files?workspaceId=…` with
 * multipart `conversationId` and `file`. The workspace is named in the URL so the session
 * and membership are checked before any of the body is read; then the body is read with a
 * cap and the same checks as every server action run on it. Answers `{ ok, data: { id, … } }`.
 */
export async function POST(request: Request) {
  // Browsers send Origin on cross-site POSTs: refuse uploads another site tries to make with our cookies.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && safeHost(origin) !== host.toLowerCase()) return refuse(403, 'forbidden', 'Uploads must come from the app itself.');
  const workspaceId = workspaceParam.safeParse(new URL(request.url).searchParams.get('workspaceId'));
  if (!workspaceId.success) return refuse(400, 'invalid', 'Name the workspace in the URL (?workspaceId=…).');
  const gate = await gateWorkspaceMember(await getSessionUser(), { id: workspaceId.data }, 'agent');
  if (!gate.ok) return refuse(gate.status, gate.code, gate.error);

  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('multipart/form-data')) return refuse(415, 'invalid', 'Send the file as multipart/form-data.');
  const read = await readFormCapped(request, AGENT_UPLOAD_MAX_REQUEST_BYTES);
  if (!read.ok && read.reason === 'too_large') return refuse(413, 'invalid', 'Files can be at most 25 MB.');
  if (!read.ok) return refuse(400, 'invalid', 'The upload is not valid multipart form data.');
  read.form.set('workspaceId', gate.workspaceId);

  const result = await runWorkspaceAction(await getSessionUser(), read.form, { input: agentUploadInput, role: 'agent' }, (input, ctx) =>
    uploadAgentFile(getDb(), ctx, input),
  );
  return Response.json(result, { status: result.ok ? 201 : (statusOf[result.code] ?? 400), headers: { 'cache-control': 'no-store' } });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
