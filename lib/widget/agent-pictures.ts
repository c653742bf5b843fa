import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { files, memberships, users } from '@/db/schema';
import { ownFileId } from '@/lib/files/file-links';
import { readFile } from '@/lib/files/storage';
import type { WidgetChannel } from './context';

// Agents' profile pictures in the website chat's header, when the shop signs replies with
// agents' names and pictures. Visitors load them from a route of the chat's own token
// (/api/widget/{token}/agents/{userId}/picture): only pictures of the channel's workspace's
// active members are served, and nothing else about them but the first name.

/** At most this many faces in the header. */
const SHOWN = 3;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AgentPicture = { name: string; picture: string };

/** The first few active members with a picture, by when they joined: first names and their picture links. */
export async function agentPictures(db: DbOrTx, channel: WidgetChannel): Promise<AgentPicture[]> {
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, channel.channel.workspaceId), eq(memberships.active, true), isNotNull(memberships.joinedAt), isNotNull(users.avatarUrl)))
    .orderBy(asc(memberships.joinedAt), asc(users.id))
    .limit(SHOWN);
  const token = encodeURIComponent(channel.channel.externalId);
  return rows.map((r) => ({ name: r.name.trim().split(/\s+/)[0] || r.name, picture: `/api/widget/${token}/agents/${r.id}/picture` }));
}

/**
 * The picture of `userId` when they are an active member of the channel's workspace (their
 * picture may be stored in another workspace they belong to), else a 404.
 */
export async function serveAgentPicture(db: DbOrTx, channel: WidgetChannel, userId: string): Promise<Response> {
  const notFound = () => Response.json({ error: 'Picture not found.', code: 'not_found' }, { status: 404 });
  if (!UUID.test(userId)) return notFound();
  const [member] = await db
    .select({ avatarUrl: users.avatarUrl })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, channel.channel.workspaceId), eq(memberships.userId, userId), eq(memberships.active, true), isNotNull(memberships.joinedAt)))
    .limit(1);
  const fileId = ownFileId(member?.avatarUrl);
  if (!fileId) return notFound();
  const [file] = await db.select({ workspaceId: files.workspaceId }).from(files).where(eq(files.id, fileId)).limit(1);
  const stored = file ? await readFile(db, file.workspaceId, fileId).catch(() => null) : null;
  if (!stored || !/^image\/(png|jpeg|gif|webp)$/.test(stored.file.mimeType)) return notFound();
  return new Response(new Uint8Array(stored.data), {
    headers: {
      'content-type': stored.file.mimeType,
      'content-length': String(stored.file.size),
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
