import { getDb } from '@/lib/db';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, whatsappWebhook } from '@/fake-platforms';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, deliver, settled, type ChannelWorld } from '../support/channel-world';

/** A member of the workspace as services see them, plus the user row. */
export async function agentOf(workspaceId: string, name: string, role: 'agent' | 'admin' = 'agent') {
  const user = await createUser(getDb(), name);
  await addMember(getDb(), workspaceId, user.id, role);
  const ctx: ActorContext = { workspaceId, actor: { id: user.id, name, email: user.email, role } };
  return { user, ctx };
}

export const customerIds = { psid: '24681357902468', waId: '66812345678' };

/** A conversation opened by a real inbound webhook, so the identity and the reply window are real. */
export async function conversationOn(world: ChannelWorld, kind: 'facebook' | 'whatsapp', text = 'Hello, is anyone there?') {
  if (kind === 'facebook') {
    await deliver('facebook', world.facebook.channel.id, messengerWebhook({ pageId: world.facebook.pageId, psid: customerIds.psid, text }, world.facebook.secrets.appSecret));
  } else {
    await deliver(
      'whatsapp',
      world.whatsapp.channel.id,
      whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId: customerIds.waId, name: 'Anan Boonmee', text }, world.whatsapp.secrets.appSecret),
    );
  }
  const channelId = world[kind].channel.id;
  await settled(channelId);
  const [conversation] = await conversationsOf(channelId);
  return conversation;
}
