import { z } from 'zod';
import { getDb } from '@/db/client';
import { runWorkspaceAction, type ActionResult } from '@/lib/auth/action-core';
import { gateWorkspaceMember } from '@/lib/auth/route-gate';
import { getSessionUser } from '@/lib/auth/session';
import { readFormCapped } from '@/lib/http/read-body';
import { PICTURE_MAX_BYTES, setProfilePicture } from '@/lib/members/profile';

// The profile picture upload. A route handler rather than a server action because server
// actions accept 1 MB bodies and pictures may be 4 MB. The session and the membership of
// the workspace in the URL are checked before the body is read; then the same checks as
// every server action run on the parsed form (runWorkspaceAction).

const input = z.object({ picture: z.instanceof(File, { message: 'Choose a picture' }) });

const statusOf: Record<Exclude<ActionResult<unknown>, { ok: true }>['code'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  error: 500,
};

// A little over 4 MB allows for the multipart framing around the file.
const MAX_REQUEST_BYTES = PICTURE_MAX_BYTES + 64 * 1024;

const refuse = (status: number, error: string, code = 'invalid') => Response.json({ ok: false, code, error }, { status });

type Context = { params: Promise<{ slug: string }> };

export async function POST(request: Request, context: Context) {
  // Browsers send Origin on cross-site POSTs: only the app's own pages may upload.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && new URL(origin).host !== host) return refuse(403, 'Uploads are only accepted from the app.');
  const { slug } = await context.params;
  const gate = await gateWorkspaceMember(await getSessionUser(), { slug }, 'agent');
  if (!gate.ok) return refuse(gate.status, gate.error, gate.code);

  const read = await readFormCapped(request, MAX_REQUEST_BYTES);
  if (!read.ok && read.reason === 'too_large') return refuse(413, 'Pictures can be at most 4 MB.');
  if (!read.ok) return refuse(400, 'Send the picture as a form upload.');
  read.form.set('workspaceId', gate.workspaceId);

  const result = await runWorkspaceAction(await getSessionUser(), read.form, { input, role: 'agent' }, async ({ picture }, ctx) =>
    setProfilePicture(getDb(), ctx, { data: Buffer.from(await picture.arrayBuffer()) }),
  );
  return Response.json(result, { status: result.ok ? 200 : statusOf[result.code] });
}
