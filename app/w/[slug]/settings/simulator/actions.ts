'use server';

import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import { simulateChannel, simulateChannelInput, simulateCustomerMessage, simulateInput } from '@/demo/simulator';
import { revalidatePath } from 'next/cache';
import { publicOrigin } from '@/lib/http/public-origin';

export const simulateCustomerMessageAction = workspaceAction({ input: simulateInput, role: 'admin' }, (input, ctx) =>
  simulateCustomerMessage(getDb(), ctx, input),
);

export const simulateChannelAction = workspaceAction({ input: simulateChannelInput, role: 'admin' }, async (input, ctx) => {
  const result = await simulateChannel(getDb(), ctx, input, { webhookOrigin: await publicOrigin() });
  revalidatePath('/w/[slug]/settings/simulator', 'page');
  return result;
});
