import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { textBlocks } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { deleteTextBlockInput } from './input';

export async function deleteTextBlock(db: Db, ctx: ActorContext, input: z.infer<typeof deleteTextBlockInput>) {
  assertAdmin(ctx);
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(textBlocks)
      .where(and(eq(textBlocks.id, input.id), eq(textBlocks.workspaceId, ctx.workspaceId)))
      .returning({ id: textBlocks.id, title: textBlocks.title });
    if (!row) throw notFound('text block');
    await writeAudit(tx, ctx, 'text_block.deleted', { type: 'text_block', id: row.id }, { title: row.title });
    return row;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'text_blocks');
  return deleted;
}
