import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';

/** One audit row, written inside the same transaction as the change it records. */
export async function writeAudit(
  tx: DbOrTx,
  ctx: ActorContext,
  action: string,
  target: { type: string; id: string | null },
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorUserId: ctx.actor.id,
    action,
    targetType: target.type,
    targetId: target.id,
    data,
  });
}
