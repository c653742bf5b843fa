import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { connectChannel, connectChannelInput, disconnectChannel, editChannel, editChannelInput, getChannelDetails } from '@/lib/channel-config/manage';
import { UserError } from '@/lib/errors';
import { xWebhook } from '@/fake-platforms';
import { adminOfNewShop, secretsOf } from '../support/channel-admin';
import { deliver, handshake } from '../support/channel-world';

const connectInput = (userId: string) =>
  connectChannelInput.parse({
    kind: 'x',
    name: 'Our X',
    externalId: userId,
    consumerKey: 'consumer-key-1',
    consumerSecret: 'consumer-secret-1',
    accessToken: 'x-user-token-1',
  });

describe('Settings → Channels: an X account', () => {
  it('connects with its user id and sealed secrets, edits, disconnects and reconnects', async () => {
    const ctx = await adminOfNewShop('X Shop');
    const userId = `22${Date.now().toString().slice(-12)}`;
    const channel = await connectChannel(getDb(), ctx, connectInput(userId));
    const connected = await secretsOf(channel.id);
    expect(connected.row).toMatchObject({ kind: 'x', externalId: userId, settings: { xUserId: userId } });
    expect(connected.row.secretsEncrypted).not.toContain('x-user-token-1');
    expect(connected.secrets).toEqual({ consumerKey: 'consumer-key-1', consumerSecret: 'consumer-secret-1', accessToken: 'x-user-token-1' });
    const shown = JSON.stringify(await getChannelDetails(getDb(), ctx, channel.id));
    for (const secret of ['consumer-secret-1', 'x-user-token-1', 'consumer-key-1']) expect(shown).not.toContain(secret);
    await expect(connectChannel(getDb(), ctx, connectInput(userId))).rejects.toBeInstanceOf(UserError);
    expect(connectChannelInput.safeParse({ ...connectInput(userId), externalId: '@shop' }).success).toBe(false);

    // The CRC answers with the stored consumer secret.
    const crc = await handshake('x', channel.id, { crc_token: 'abc' });
    expect(crc.status).toBe(200);

    // Rename and replace the consumer secret: the rest stays; webhooks now need the new secret.
    await editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'Shop X', consumerSecret: 'consumer-secret-2', accessToken: '' }));
    const edited = await secretsOf(channel.id);
    expect(edited.row.name).toBe('Shop X');
    expect(edited.secrets).toEqual({ ...connected.secrets, consumerSecret: 'consumer-secret-2' });
    const customer = { id: '3805104374', name: 'Kanya', screenName: 'kanya' };
    expect((await deliver('x', channel.id, xWebhook({ accountId: userId, sender: customer, text: 'hi' }, 'consumer-secret-1'))).status).toBe(401);
    expect((await deliver('x', channel.id, xWebhook({ accountId: userId, sender: customer, text: 'hi' }, 'consumer-secret-2'))).status).toBe(200);

    // Disconnect: secrets gone, disabled, webhooks and CRC refused.
    await disconnectChannel(getDb(), ctx, { channelId: channel.id });
    expect((await secretsOf(channel.id)).row).toMatchObject({ enabled: false, secretsEncrypted: null });
    expect((await deliver('x', channel.id, xWebhook({ accountId: userId, sender: customer, text: 'hi' }, 'consumer-secret-2'))).status).toBe(404);
    expect((await handshake('x', channel.id, { crc_token: 'abc' })).status).toBe(404);

    // Reconnecting needs every secret again.
    await expect(editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'Shop X', accessToken: 'x-user-token-3' }))).rejects.toThrow(/enter all its secrets/);
    await editChannel(
      getDb(),
      ctx,
      editChannelInput.parse({ channelId: channel.id, name: 'Shop X', consumerKey: 'consumer-key-3', consumerSecret: 'consumer-secret-3', accessToken: 'x-user-token-3' }),
    );
    const back = await secretsOf(channel.id);
    expect(back.secrets).toEqual({ consumerKey: 'consumer-key-3', consumerSecret: 'consumer-secret-3', accessToken: 'x-user-token-3' });
    expect(back.row.settings).not.toHaveProperty('disconnectedAt');
  });

  it('another workspace’s admin can neither edit nor disconnect it', async () => {
    const ctx = await adminOfNewShop('X Shop');
    const other = await adminOfNewShop('X Shop');
    const channel = await connectChannel(getDb(), ctx, connectInput(`23${Date.now().toString().slice(-12)}`));
    await expect(editChannel(getDb(), other, editChannelInput.parse({ channelId: channel.id, name: 'Mine now' }))).rejects.toThrow(/does not exist/);
    await expect(disconnectChannel(getDb(), other, { channelId: channel.id })).rejects.toThrow(/does not exist/);
    expect((await secretsOf(channel.id)).row).toMatchObject({ name: 'Our X', enabled: true });
  });
});
