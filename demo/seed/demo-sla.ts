import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { conversations, slaRules, slaTargets } from '@/db/schema';

// The demo's SLA: one rule for every conversation, and the scripted requests that owe a
// reply get that target as the live tracker would have written it, so the inbox shows
// badges (some amber) and the SLA sort has something to sort.

const MINUTE = 60_000;
export const DEMO_SLA_RULE = { name: 'Standard', firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 24 * 60 } as const;

export async function seedDemoSla(tx: Tx, input: { workspaceId: string; now: Date }): Promise<void> {
  const [rule] = await tx
    .insert(slaRules)
    .values({ workspaceId: input.workspaceId, position: 1, ...DEMO_SLA_RULE, createdAt: input.now, updatedAt: input.now })
    .returning({ id: slaRules.id });
  const owing = await tx
    .select({ id: conversations.id, slaDueAt: conversations.slaDueAt, lastAgentMessageAt: conversations.lastAgentMessageAt })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, input.workspaceId), eq(conversations.status, 'open'), isNotNull(conversations.slaDueAt)));
  for (const c of owing) {
    const kind = c.lastAgentMessageAt ? 'next_response' : 'first_response';
    const minutes = kind === 'first_response' ? DEMO_SLA_RULE.firstResponseMinutes : DEMO_SLA_RULE.nextResponseMinutes;
    const startedAt = new Date(c.slaDueAt!.getTime() - minutes * MINUTE);
    await tx.insert(slaTargets).values({ workspaceId: input.workspaceId, conversationId: c.id, ruleId: rule.id, kind, startedAt, dueAt: c.slaDueAt! });
    await tx.update(conversations).set({ slaRuleId: rule.id, slaDueKind: kind, slaDueStartedAt: startedAt }).where(eq(conversations.id, c.id));
  }
}
