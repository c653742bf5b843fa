import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { channels, memberships, users } from '@/db/schema';
import * as pictureRoute from '@/app/api/widget/[token]/agents/[userId]/picture/route';
import { getDb } from '@/lib/db';
import { liveWidgetConfig } from '@/lib/widget/config';
import { findWidgetChannel } from '@/lib/widget/context';
import { fileUrl, saveFile } from '@/lib/files/storage';
import { addMember, createUser, createWorkspace } from '../support/fixtures';
import { createWidgetWorld, resetLimits } from './helpers';

beforeEach(resetLimits);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64');

function getPicture(token: string, userId: string) {
  return pictureRoute.GET(new Request(`http://localhost/api/widget/${token}/agents/${userId}/picture`), { params: Promise.resolve({ token, userId }) });
}

async function withPicture(workspaceId: string, name: string, active = true) {
  const db = getDb();
  const user = await createUser(db, name);
  await addMember(db, workspaceId, user.id);
  if (!active) await db.update(memberships).set({ active: false }).where(eq(memberships.userId, user.id));
  const stored = await saveFile(db, workspaceId, { data: PNG, name: 'profile.png', mimeType: 'image/png' });
  await db.update(users).set({ avatarUrl: fileUrl(stored.id) }).where(eq(users.id, user.id));
  return user;
}

describe('agents’ pictures in the website chat', () => {
  it('are listed in the config when the shop shows them, and served only for its active members', async () => {
    const w = await createWidgetWorld();
    const ana = await withPicture(w.workspace.id, 'Ana Admin');
    const gone = await withPicture(w.workspace.id, 'Gone Agent', false);
    const elsewhere = await createWorkspace(w.db, 'Another shop');
    const stranger = await withPicture(elsewhere.id, 'Stranger');

    const channel = (await findWidgetChannel(w.db, w.token))!;
    expect((await liveWidgetConfig(w.db, channel, null)).agents).toEqual([]);
    await w.db.update(channels).set({ settings: { ...w.channel.settings, agentDisplay: 'pictures' } }).where(eq(channels.id, w.channel.id));
    const config = await liveWidgetConfig(w.db, (await findWidgetChannel(w.db, w.token))!, null);
    expect(config.agents).toEqual([{ name: 'Ana', picture: `/api/widget/${encodeURIComponent(w.token)}/agents/${ana.id}/picture` }]);

    const served = await getPicture(w.token, ana.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    for (const userId of [gone.id, stranger.id, 'not-a-uuid']) expect((await getPicture(w.token, userId)).status).toBe(404);
    // Through another shop's chat token, not even the member's own picture.
    const other = await createWidgetWorld();
    expect((await getPicture(other.token, ana.id)).status).toBe(404);
  });
});
