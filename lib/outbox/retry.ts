import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { messageUpdated } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';
import { runSoon } from '@/lib/jobs/run-soon';
import { deliverMessage } from './deliver';

export const retryInput = z.object({ messageId: z.uuid() });

/**
 * An agent retries a failed send. Only a failed message can go back to the queue (a
 * conditional update), so double clicks or two agents retrying still send it once.
 */
export async function retryMessage(db: Db, ctx: ActorContext, input: z.infer<typeof retryInput>) {
  const row = await db.transaction(async (tx) => {
    const [queued] = await tx
      .update(messages)
      .set({ status: 'queued', error: null, attempts: 0, nextAttemptAt: null })
      .where(
        and(
          eq(messages.id, input.messageId),
          eq(messages.workspaceId, ctx.workspaceId),
          eq(messages.status, 'failed'),
          eq(messages.direction, 'outbound'),
        ),
      )
      .returning();
    if (!queued) throw new UserError('conflict', 'This message is no longer failed: it is already being sent or was sent.');
    await writeAudit(tx, ctx, 'message.retried', { type: 'message', id: queued.id });
    return queued;
  });
  await publish([messageUpdated(row)]);
  runSoon('outbox', () => deliverMessage(db, row.id));
  return { messageId: row.id, status: row.status };
}
