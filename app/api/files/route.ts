import { getDb } from '@/db/client';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { getSessionUser } from '@/lib/auth/session';
import { agentUploadInput, uploadAgentFile } from '@/lib/files/agent-upload';
import { AGENT_UPLOAD_MAX_REQUEST_BYTES } from '@/lib/files/upload-check';

const statusOf: Record<string, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, error: 500 };

/**
 * An agent uploads an attachment for a conversation: multipart `workspaceId`,
 * `conversationId`, `file`. The same checks as every server action (input, session,
 * membership, role) run before anything is stored. Answers `{ ok, data: { id, … } }`.
 */
export async function POST(request: Request) {
  // Browsers send Origin on cross-site POSTs: refuse uploads another site tries to make with our cookies.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && safeHost(origin) !== host.toLowerCase()) {
    return Response.json({ ok: false, code: 'forbidden', error: 'Uploads must come from the app itself.' }, { status: 403 });
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > AGENT_UPLOAD_MAX_REQUEST_BYTES) {
    return Response.json({ ok: false, code: 'invalid', error: 'Files can be at most 25 MB.' }, { status: 413 });
  }
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return Response.json({ ok: false, code: 'invalid', error: 'Send the file as multipart/form-data.' }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ ok: false, code: 'invalid', error: 'The upload is not valid multipart form data.' }, { status: 400 });
  }
  const result = await runWorkspaceAction(await getSessionUser(), form, { input: agentUploadInput, role: 'agent' }, (input, ctx) =>
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
