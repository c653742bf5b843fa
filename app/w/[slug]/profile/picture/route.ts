import { z } from 'zod';
import { getDb } from '@/db/client';
import { runWorkspaceAction, type ActionResult } from '@/lib/auth/action-core';
import { getSessionUser } from '@/lib/auth/session';
import { PICTURE_MAX_BYTES, setProfilePicture } from '@/lib/members/profile';

// The profile picture upload. A route handler rather than a server action because server
// actions accept 1 MB bodies and pictures may be 4 MB; it runs the same checks as every
// server action (runWorkspaceAction: input, session, membership, role).

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

const refuse = (status: number, error: string) => Response.json({ ok: false, code: 'invalid', error }, { status });

export async function POST(request: Request) {
  // Browsers send Origin on cross-site POSTs: only the app's own pages may upload.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && new URL(origin).host !== host) return refuse(403, 'Uploads are only accepted from the app.');
  // A little over 4 MB allows for the multipart framing around the file.
  if (Number(request.headers.get('content-length') ?? 0) > PICTURE_MAX_BYTES + 64 * 1024) {
    return refuse(413, 'Pictures can be at most 4 MB.');
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, 'Send the picture as a form upload.');
  }
  const result = await runWorkspaceAction(await getSessionUser(), form, { input, role: 'agent' }, async ({ picture }, ctx) =>
    setProfilePicture(getDb(), ctx, { data: Buffer.from(await picture.arrayBuffer()) }),
  );
  return Response.json(result, { status: result.ok ? 200 : statusOf[result.code] });
}
