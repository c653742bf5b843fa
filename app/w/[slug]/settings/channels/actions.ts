'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  connectChannel,
  connectChannelInput,
  retryEventInput,
  retryInboundEvent,
  setChannelEnabled,
  setEnabledInput,
} from '@/lib/channel-config/manage';

export const connectChannelAction = workspaceAction({ input: connectChannelInput, role: 'admin' }, async (input, ctx) => {
  const channel = await connectChannel(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'page');
  return channel;
});

export const setChannelEnabledAction = workspaceAction({ input: setEnabledInput, role: 'admin' }, async (input, ctx) => {
  const result = await setChannelEnabled(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});

export const retryInboundEventAction = workspaceAction({ input: retryEventInput, role: 'admin' }, async (input, ctx) => {
  const result = await retryInboundEvent(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});
