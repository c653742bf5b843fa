import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversations, memberships } from '@/db/schema';
import { activeMembership, findMembership } from '@/lib/auth/membership';
import { parseChannelName } from './channels';
import { getPusher } from './publisher';

export type ChannelAuthRequest = { socketId: string; channelName: string };
export type ChannelAuthResult =
  | { ok: true; body: { auth: string; channel_data?: string } }
  | { ok: false; status: 403; error: string };

type Member = { id: string; name: string };

const refuse = (error: string): ChannelAuthResult => ({ ok: false, status: 403, error });

/** An active, accepted membership of the conversation's workspace, as for the workspace channels. */
async function isMemberOfConversationWorkspace(db: DbOrTx, userId: string, conversationId: string) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(
      memberships,
      and(
        eq(memberships.workspaceId, conversations.workspaceId),
        eq(memberships.userId, userId),
        activeMembership(),
      ),
    )
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return Boolean(row);
}

/**
 * Decides whether a signed-in member may subscribe to a channel, and signs it if so.
 * Every name is parsed against the known shapes, so an unknown channel is refused, and
 * every workspace-scoped kind needs an active membership of that workspace.
 */
export async function authorizeMemberChannel(
  db: DbOrTx,
  member: Member,
  request: ChannelAuthRequest,
): Promise<ChannelAuthResult> {
  const channel = parseChannelName(request.channelName);
  if (!channel) return refuse('Unknown channel.');

  let allowed = false;
  switch (channel.scope) {
    case 'workspace':
      allowed = Boolean(await findMembership(db, member.id, { id: channel.id }));
      break;
    case 'conversation':
    case 'assist':
      allowed = await isMemberOfConversationWorkspace(db, member.id, channel.id);
      break;
    case 'user':
      // Your own channel stays yours even with no active workspace: only what concerns
      // workspaces you are active in is ever sent there (notifications go to active
      // members only; the read markers follow your own actions, which need one).
      allowed = channel.id === member.id;
      break;
    case 'visitor':
      allowed = false; // only the widget visitor who owns it, through the widget's own auth
      break;
  }
  if (!allowed) return refuse('You may not listen to this channel.');

  const pusher = getPusher();
  const body = channel.presence
    ? pusher.authorizeChannel(request.socketId, request.channelName, {
        user_id: member.id,
        user_info: { name: member.name },
      })
    : pusher.authorizeChannel(request.socketId, request.channelName);
  return { ok: true, body };
}

/**
 * Pusher user authentication (`pusher:signin`): ties this socket to the signed-in user so
 * the server can end all of that user's connections at once (terminateUserConnections),
 * e.g. when they are deactivated. Carries only the id: it is all the server needs.
 */
export function authenticateRealtimeUser(member: { id: string }, socketId: string) {
  return getPusher().authenticateUser(socketId, { id: member.id });
}
