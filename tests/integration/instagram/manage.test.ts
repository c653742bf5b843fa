import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { connectChannel, connectChannelInput, disconnectChannel, editChannel, editChannelInput, getChannelDetails } from '@/lib/channel-config/manage';
import { UserError } from '@/lib/errors';
import { instagramWebhook } from '@/fake-platforms';
import { adminOfNewShop, secretsOf } from '../support/channel-admin';
import { deliver } from '../support/channel-world';

describe('Settings → Channels: an Instagram account', () => {
  it('connects with its account id and sealed secrets, edits, disconnects and reconnects', async () => {
    const ctx = await adminOfNewShop('Insta Shop');
    const igId = `1784${Date.now().toString().slice(-11)}`;
    const input = connectChannelInput.parse({ kind: 'instagram', name: 'Our Instagram', externalId: igId, appSecret: 'app-secret-1', accessToken: 'IGQV-token-1' });
    const channel = await connectChannel(getDb(), ctx, input);
    const connected = await secretsOf(channel.id);
    expect(connected.row).toMatchObject({ kind: 'instagram', externalId: igId, settings: { instagramAccountId: igId } });
    expect(connected.row.secretsEncrypted).not.toContain('IGQV-token-1');
    expect(connected.secrets).toMatchObject({ appSecret: 'app-secret-1', accessToken: 'IGQV-token-1', verifyToken: expect.stringMatching(/^baton-/) });
    expect(JSON.stringify(await getChannelDetails(getDb(), ctx, channel.id))).not.toContain('IGQV-token-1');
    // The same account twice is refused.
    await expect(connectChannel(getDb(), ctx, input)).rejects.toBeInstanceOf(UserError);
    expect(connectChannelInput.safeParse({ ...input, externalId: 'not-a-number' }).success).toBe(false);

    // Rename and replace the token: the app secret and the verify token stay.
    await editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'Shop IG', accessToken: 'IGQV-token-2', appSecret: '' }));
    const edited = await secretsOf(channel.id);
    expect(edited.row.name).toBe('Shop IG');
    expect(edited.secrets).toEqual({ ...connected.secrets, accessToken: 'IGQV-token-2' });

    // Disconnect: secrets gone, disabled, webhooks refused.
    await disconnectChannel(getDb(), ctx, { channelId: channel.id });
    const gone = await secretsOf(channel.id);
    expect(gone.row).toMatchObject({ enabled: false, secretsEncrypted: null });
    const hook = instagramWebhook({ igId, igsid: '1790000000000042', text: 'hi' }, 'app-secret-1');
    expect((await deliver('instagram', channel.id, hook)).status).toBe(404);

    // Reconnecting needs every secret again.
    await expect(editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'Shop IG', accessToken: 'IGQV-token-3' }))).rejects.toThrow(/enter all its secrets/);
    await editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'Shop IG', accessToken: 'IGQV-token-3', appSecret: 'app-secret-3' }));
    const back = await secretsOf(channel.id);
    expect(back.secrets).toMatchObject({ appSecret: 'app-secret-3', accessToken: 'IGQV-token-3', verifyToken: expect.stringMatching(/^baton-/) });
    expect(back.row.settings).not.toHaveProperty('disconnectedAt');
  });

  it('another workspace’s admin can neither edit nor disconnect it', async () => {
    const ctx = await adminOfNewShop('Insta Shop');
    const other = await adminOfNewShop('Insta Shop');
    const channel = await connectChannel(getDb(), ctx, connectChannelInput.parse({ kind: 'instagram', name: 'IG', externalId: `1785${Date.now().toString().slice(-11)}`, appSecret: 'app-secret-1', accessToken: 'IGQV-token-1' }));
    await expect(editChannel(getDb(), other, editChannelInput.parse({ channelId: channel.id, name: 'Mine now' }))).rejects.toThrow(/does not exist/);
    await expect(disconnectChannel(getDb(), other, { channelId: channel.id })).rejects.toThrow(/does not exist/);
    expect((await secretsOf(channel.id)).row).toMatchObject({ name: 'IG', enabled: true });
  });
});
