import { z } from 'zod';
import { getDb } from '@/lib/db';
import { getSessionUser } from '@/lib/auth/session';
import { readFormCapped } from '@/lib/http/read-body';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';

// A socket id and a channel name: a few hundred bytes at most.
const MAX_BODY_BYTES = 4096;

const bodySchema = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'Invalid socket id'),
  channel_name: z.string().min(1).max(200),
});

/** pusher-js channel authorization: form-encoded socket_id and channel_name. */
export async function POST(request: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in to listen for updates.' }, { status: 401 });

  const read = await readFormCapped(request, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too_large') return Response.json({ error: 'The request is too large.' }, { status: 413 });
  const parsed = bodySchema.safeParse(read.ok ? Object.fromEntries(read.form) : {});
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });

  const result = await authorizeMemberChannel(getDb(), user, {
    socketId: parsed.data.socket_id,
    channelName: parsed.data.channel_name,
  });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  return Response.json(result.body);
}
