import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/session';
import { authenticateRealtimeUser } from '@/lib/realtime/authorize';

const bodySchema = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'Invalid socket id'),
});

/** pusher-js user authentication (`pusher.signin()`): form-encoded socket_id. */
export async function POST(request: Request) {
  // The session first: an anonymous caller gets nothing read from its body.
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in to listen for updates.' }, { status: 401 });

  const form = await request.formData().catch(() => null);
  const parsed = bodySchema.safeParse(form ? Object.fromEntries(form) : {});
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });

  return Response.json(authenticateRealtimeUser(user, parsed.data.socket_id));
}
