import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { finishCall, lockCall } from './finish';

export const endCallInput = z.object({
  callId: z.uuid('Unknown call'),
  /** `missed`: the agent's side stops ringing after the timeout; it ends only a call still ringing. */
  reason: z.enum(['hangup', 'missed']).default('hangup'),
});

/** An agent hangs up (or the ring times out). Ending an ended call is a no-op, so both sides may race. */
export async function endCallAsAgent(db: Db, ctx: ActorContext, input: z.infer<typeof endCallInput>): Promise<{ status: 'ended' | 'active' }> {
  const { status, events } = await db.transaction(async (tx) => {
    const call = await lockCall(tx, ctx.workspaceId, input.callId);
    if (!call) throw new UserError('not_found', 'This call does not exist.');
    // The visitor answered just as the ring timed out: the call goes on.
    if (input.reason === 'missed' && call.status === 'active') return { status: 'active' as const, events: [] };
    const ended = await finishCall(tx, call, { reason: input.reason, by: 'agent', actorUserId: ctx.actor.id });
    return { status: 'ended' as const, events: ended.events };
  });
  await publish(events);
  return { status };
}
