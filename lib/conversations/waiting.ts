import { and, eq, isNull } from 'drizzle-orm';
import { conversations } from '@/db/schema';

/**
 * A request waiting for a person: open, with the team's queue, nobody assigned. Routing's
 * race guard (still waiting when the update lands), the rules, the routing status and the
 * hand-off's wait estimate all mean exactly this.
 */
export const isWaitingRequest = and(eq(conversations.status, 'open'), eq(conversations.handler, 'queue'), isNull(conversations.assigneeId))!;
