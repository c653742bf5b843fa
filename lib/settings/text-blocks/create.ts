import type { Db } from '@/db/client';
import { textBlocks } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { CreateTextBlockInput } from './input';

/** Admins add a `#` text block: a longer reusable answer filed under a category. */
export async function createTextBlock(db: Db, ctx: ActorContext, input: CreateTextBlockInput) {
  assertAdmin(ctx);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(textBlocks)
      .values({ workspaceId: ctx.workspaceId, title: input.title, category: input.category, body: input.body })
      .returning();
    await writeAudit(tx, ctx, 'text_block.created', { type: 'text_block', id: created.id }, { title: created.title, category: created.category });
    return created;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'text_blocks');
  return { id: row.id, title: row.title, category: row.category, body: row.body };
}
