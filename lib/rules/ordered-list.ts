import { eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, AnyPgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { UserError } from '@/lib/errors';

// What SLA rules, routing rules and the website chat's action rules share: an ordered list
// (per workspace; action rules per web channel) whose order admins set, and changes to it
// are serialised per list.

export type RuleList = 'sla-rules' | 'routing-rules' | 'widget-action-rules';

export const moveRuleInput = z.object({ id: z.uuid(), direction: z.enum(['up', 'down']) });
export type MoveRuleInput = z.infer<typeof moveRuleInput>;

/** One writer of a list at a time (creating takes the next position; moving renumbers). `workspaceId`: the list's scope. */
export function lockRuleList(tx: DbOrTx, list: RuleList, workspaceId: string) {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${list}:${workspaceId}`}))`);
}

/**
 * The ids in their new order after moving one a step up or down: null when the id is not
 * in the list, the same order when it is already at that end. Positions are then written
 * 1…n from this order, so positions that tie in old data end up distinct.
 */
export function movedOrder(ids: string[], id: string, direction: MoveRuleInput['direction']): string[] | null {
  const at = ids.indexOf(id);
  if (at === -1) return null;
  const other = direction === 'up' ? at - 1 : at + 1;
  if (other < 0 || other >= ids.length) return ids;
  const order = [...ids];
  [order[at], order[other]] = [order[other], order[at]];
  return order;
}

/**
 * Where a new rule goes: last. Takes the list's lock first (so two admins adding at once
 * get distinct positions) and refuses past `limit`, naming the list in the message.
 */
export async function appendPosition(
  tx: DbOrTx,
  list: { name: RuleList; label: string; table: AnyPgTable; workspaceColumn: AnyPgColumn; positionColumn: AnyPgColumn; limit: number },
  workspaceId: string,
): Promise<number> {
  await lockRuleList(tx, list.name, workspaceId);
  const [{ count, last }] = await tx
    .select({ count: sql<number>`count(*)::int`, last: sql<number | null>`max(${list.positionColumn})` })
    .from(list.table)
    .where(eq(list.workspaceColumn, workspaceId));
  if (count >= list.limit) throw new UserError('conflict', `A workspace can have at most ${list.limit} ${list.label}.`);
  return (last ?? 0) + 1;
}
