import { eq } from 'drizzle-orm';
import { channels } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { getConfig } from '@/lib/config';
import { decryptJson } from '@/lib/crypto/secrets';
import { getDb } from '@/lib/db';
import { addMember, createUser, createWorkspace } from './fixtures';

/** The admin of a new workspace, as Settings → Channels acts for them. */
export async function adminOfNewShop(shopName: string): Promise<ActorContext> {
  const db = getDb();
  const ws = await createWorkspace(db, shopName);
  const user = await createUser(db, 'Ana');
  await addMember(db, ws.id, user.id, 'admin');
  return { workspaceId: ws.id, actor: { id: user.id, name: 'Ana', email: user.email, role: 'admin' } };
}

/** A channel's row and its secrets as stored (unsealed here to check what was kept). */
export async function secretsOf(channelId: string) {
  const [row] = await getDb().select().from(channels).where(eq(channels.id, channelId));
  return { row, secrets: row.secretsEncrypted ? decryptJson<Record<string, string>>(row.secretsEncrypted, getConfig().BATON_ENCRYPTION_KEY) : null };
}
