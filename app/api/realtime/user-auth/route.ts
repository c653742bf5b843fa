import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { readFormCapped } from '@/lib/http/read-body';
import { authenticateRealtimeUser } from '@/lib/realtime/authorize';

// A socket id: a few dozen bytes.
const MAX_BODY_BYTES = 1024;

const bodySchema = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'Invalid socket id'),
});

/** pusher-js user authentication (`pusher.signin()`): form-encoded socket_id. */
export async function POST(request: Request) {
  // The session first: an anonymous caller gets nothing read from its body.
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in to listen for updates.' }, { status: 401 });

  const read = await readFormCapped(request, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too_large') return Response.json({ error: 'The request is too large.' }, { status: 413 });
  const parsed = bodySchema.safeParse(read.ok ? Object.fromEntries(read.form) : {});
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });

  return Response.json(authenticateRealtimeUser(user, parsed.data.socket_id));
}
