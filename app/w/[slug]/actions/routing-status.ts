'use server';

import { z } from 'zod';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { loadRoutingStatus } from '@/lib/routing/routing-status';

/** Who can take requests now and why a request waits: refreshed by the inbox and Settings as things change. */
export const routingStatusAction = workspaceAction(
  { input: z.object({ conversationId: z.uuid().optional(), automaticOnly: z.boolean().optional() }), role: 'agent' },
  async (input, ctx) =>
    loadRoutingStatus(getDb(), ctx.workspaceId, { conversationId: input.conversationId, automaticOnly: input.automaticOnly, viewerId: ctx.actor.id }),
);
