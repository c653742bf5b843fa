import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { contactIdentities, contacts } from '@/db/schema';
import { createWidgetWorld, disableChannel, newVisitor, resetLimits, W1, widgetClient } from './helpers';

beforeEach(resetLimits);

describe('widget session', () => {
  it('gives a new visitor a token and exactly one contact', async () => {
    const { db, workspace, channel, client } = await createWidgetWorld();
    const session = await newVisitor(client);

    expect(session.created).toBe(true);
    expect(session.visitorToken.split('.')).toHaveLength(3);
    expect(session.visitor).toMatchObject({ verified: false, email: null });
    expect(session.visitor.name).toMatch(/^Visitor /);

    const identities = await db.select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id));
    expect(identities).toHaveLength(1);
    expect(identities[0].id).toBe(session.visitor.identityId);
    expect(identities[0].externalId).toMatch(/^v_[0-9a-f]{32}$/);
    expect(await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id))).toHaveLength(1);
  });

  it('resumes the same visitor with the same token', async () => {
    const { db, workspace, client } = await createWidgetWorld();
    const first = await newVisitor(client);
    const again = await client.session({ bearer: first.visitorToken });
    expect(again.status).toBe(200);
    const body = await again.json();
    expect(body.created).toBe(false);
    expect(body.visitor.identityId).toBe(first.visitor.identityId);
    expect(await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id))).toHaveLength(1);
  });

  it('starts a new visitor for a forged, foreign or malformed token', async () => {
    const { client } = await createWidgetWorld();
    const other = await createWidgetWorld();
    const mine = await newVisitor(client);
    const foreign = await newVisitor(other.client);

    const [header, payload] = mine.visitorToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const bearer of [foreign.visitorToken, forged, 'not-a-token']) {
      const response = await client.session({ bearer });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body.visitor.identityId).not.toBe(mine.visitor.identityId);
      expect(body.visitor.identityId).not.toBe(foreign.visitor.identityId);
    }
  });

  it('verifies an identity with the right HMAC (vector W1): name, email, verified', async () => {
    const { db, channel, client } = await createWidgetWorld();
    const anonymous = await newVisitor(client);
    const response = await client.session({
      bearer: anonymous.visitorToken,
      json: { identity: { identifier: W1.identifier, hash: W1.hash, name: 'Kerry Shopper', email: 'kerry@example.com' } },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.visitor).toMatchObject({ identityId: anonymous.visitor.identityId, name: 'Kerry Shopper', email: 'kerry@example.com', verified: true });

    const [identity] = await db
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.id, anonymous.visitor.identityId)));
    expect(identity.profile).toMatchObject({ verified: true, identifier: 'user-42' });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, identity.contactId));
    expect(contact).toMatchObject({ name: 'Kerry Shopper', email: 'kerry@example.com' });

    // The same customer on another device continues the same visitor.
    const elsewhere = await client.session({ json: { identity: { identifier: W1.identifier, hash: W1.hash } } });
    expect(elsewhere.status).toBe(200);
    expect((await elsewhere.json()).visitor.identityId).toBe(anonymous.visitor.identityId);
  });

  it('refuses a wrong identity hash with a clear error and changes nothing', async () => {
    const { db, workspace, client } = await createWidgetWorld();
    const anonymous = await newVisitor(client);
    const wrongHash = W1.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const response = await client.session({
      bearer: anonymous.visitorToken,
      json: { identity: { identifier: W1.identifier, hash: wrongHash, name: 'Mallory', email: 'mallory@example.com' } },
    });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.code).toBe('identity_mismatch');
    expect(body.error).toMatch(/hash does not match/);
    const rows = await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).not.toBe('Mallory');
    expect(rows[0].email).toBeNull();

    // A hash for another identifier is just as wrong.
    const swapped = await client.session({ json: { identity: { identifier: 'user-43', hash: W1.hash } } });
    expect(swapped.status).toBe(403);
  });

  it('never hands a signed-in customer’s history to the next one on the same browser', async () => {
    const { client } = await createWidgetWorld();
    const first = await client.session({ json: { identity: { identifier: W1.identifier, hash: W1.hash } } });
    const firstBody = await first.json();
    const { computeIdentityHash } = await import('@/channels/web');
    const second = await client.session({
      bearer: firstBody.visitorToken,
      json: { identity: { identifier: 'user-99', hash: computeIdentityHash('user-99', W1.hmacToken) } },
    });
    const secondBody = await second.json();
    expect(secondBody.visitor.verified).toBe(true);
    expect(secondBody.visitor.identityId).not.toBe(firstBody.visitor.identityId);
  });

  it('answers bad input with a 4xx JSON error', async () => {
    const { client } = await createWidgetWorld();
    const badHash = await client.session({ json: { identity: { identifier: 'user-42', hash: 'xyz' } } });
    expect(badHash.status).toBe(400);
    expect(await badHash.json()).toMatchObject({ code: 'invalid', error: expect.stringMatching(/identity\.hash/) });

    const badEmail = await client.session({ json: { identity: { identifier: 'u', hash: W1.hash, email: 'nope' } } });
    expect(badEmail.status).toBe(400);

    const notJson = await client.session({ body: 'identity=1', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);

    const brokenJson = await client.session({ body: '{', headers: { 'content-type': 'application/json' } });
    expect(brokenJson.status).toBe(400);
  });

  it('answers 404 for a disabled or unknown channel, on every endpoint', async () => {
    const { channel, client } = await createWidgetWorld();
    const visitor = await newVisitor(client);
    await disableChannel(channel.id);

    for (const response of [
      await client.session(),
      await client.config(),
      await client.history({ bearer: visitor.visitorToken }),
      await client.send({ bearer: visitor.visitorToken, json: { clientId: crypto.randomUUID(), text: 'hi' } }),
      await client.realtimeAuth({ bearer: visitor.visitorToken, body: 'socket_id=1.2&channel_name=x' }),
      await client.typing({ bearer: visitor.visitorToken, json: { typing: true } }),
      await client.read({ bearer: visitor.visitorToken, json: { status: 'read' } }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not_found' });
    }
    expect((await widgetClient('unknown-token-123').session()).status).toBe(404);
    expect((await widgetClient('bad token!').config()).status).toBe(404);
  });

  it('rate-limits session creation per address', async () => {
    const { client } = await createWidgetWorld();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await client.session({ headers: { 'x-forwarded-for': '203.0.113.9' } })).status);
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.at(-1)).toBe(429);
    const limited = await client.session({ headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await client.session({ headers: { 'x-forwarded-for': '203.0.113.10' } })).status).toBe(201);
  });

  it('counts the address the proxy saw, not one the client writes in front of it', async () => {
    const { client } = await createWidgetWorld();
    const statuses: number[] = [];
    // A new made-up first entry each time; the proxy appended the real address last.
    for (let i = 0; i < 21; i++) statuses.push((await client.session({ headers: { 'x-forwarded-for': `198.18.0.${i}, 203.0.113.77` } })).status);
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.at(-1)).toBe(429);
  });
});
