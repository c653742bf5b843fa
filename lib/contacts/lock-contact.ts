import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { contacts } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';

/**
 * The contact of the actor's workspace, locked for the rest of the transaction, so edits
 * from two agents apply one after the other and never to a customer being deleted.
 */
export async function lockContact(tx: Tx, ctx: Pick<ActorContext, 'workspaceId'>, contactId: string) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, ctx.workspaceId)))
    .for('update')
    .limit(1);
  if (!row) throw new UserError('not_found', 'This customer no longer exists.');
  return row;
}
