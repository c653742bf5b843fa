'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { workspaceAction } from '@/lib/auth/action';
import {
  channelIdInput,
  connectChannel,
  connectChannelInput,
  disconnectChannel,
  editChannel,
  editChannelInput,
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

export const editChannelAction = workspaceAction({ input: editChannelInput, role: 'admin' }, async (input, ctx) => {
  const result = await editChannel(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
});

export const disconnectChannelAction = workspaceAction({ input: channelIdInput, role: 'admin' }, async (input, ctx) => {
  const result = await disconnectChannel(getDb(), ctx, input);
  revalidatePath('/w/[slug]/settings/channels', 'layout');
  return result;
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
