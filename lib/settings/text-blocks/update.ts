import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { textBlocks } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { UpdateTextBlockInput } from './input';

export async function updateTextBlock(db: Db, ctx: ActorContext, input: UpdateTextBlockInput) {
  assertAdmin(ctx);
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(textBlocks)
      .set({ title: input.title, category: input.category, body: input.body, updatedAt: new Date() })
      .where(and(eq(textBlocks.id, input.id), eq(textBlocks.workspaceId, ctx.workspaceId)))
      .returning();
    if (!updated) throw notFound('text block');
    await writeAudit(tx, ctx, 'text_block.updated', { type: 'text_block', id: updated.id }, { title: updated.title, category: updated.category });
    return updated;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'text_blocks');
  return { id: row.id, title: row.title, category: row.category, body: row.body };
}
