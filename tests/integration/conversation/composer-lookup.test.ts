import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { messageShortcuts, textBlocks } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { SessionUser } from '@/lib/auth/session';
import { lookupShortcuts, lookupTextBlocks } from '@/lib/composer/lookup';
import { createWorkspace, sessionOf } from '../support/fixtures';
import { agentOf } from './helpers';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('@/lib/http/public-origin', () => ({ publicOrigin: async () => 'http://localhost' }));
const { composerLookupAction } = await import('@/app/w/[slug]/inbox/conversation-actions');

let shopA: ActorContext;
let shopB: ActorContext;
let userA: SessionUser;

beforeEach(async () => {
  const a = await createWorkspace(getDb(), 'Shop A');
  const b = await createWorkspace(getDb(), 'Shop B');
  const agentA = await agentOf(a.id, 'Ana');
  shopA = agentA.ctx;
  userA = sessionOf(agentA.user);
  shopB = (await agentOf(b.id, 'Bob')).ctx;
  await getDb()
    .insert(messageShortcuts)
    .values([
      { workspaceId: a.id, shortcut: 'thanks', text: 'Thank you {{customer.first_name}}!' },
      { workspaceId: a.id, shortcut: 'shipping', text: 'We ship in 2–4 days. Thanks for waiting!' },
      { workspaceId: a.id, shortcut: '100%_sure', text: 'Absolutely.' },
      { workspaceId: b.id, shortcut: 'thanks-b', text: 'Shop B thanks you' },
    ]);
  await getDb()
    .insert(textBlocks)
    .values([
      { workspaceId: a.id, title: 'Return policy', category: 'Returns', body: 'Returns within 14 days.' },
      { workspaceId: a.id, title: 'Size guide', category: 'Products', body: 'S fits 64–68 cm; see our return policy too.' },
      { workspaceId: b.id, title: 'Return policy (B)', category: 'Returns', body: 'Shop B returns.' },
    ]);
});

describe('composer lookups are scoped to the workspace', () => {
  it('/ shortcuts: filtered as typed, names that start with the query first, never another shop’s', async () => {
    expect((await lookupShortcuts(getDb(), shopA, '')).map((s) => s.shortcut)).toEqual(['100%_sure', 'shipping', 'thanks']);
    // "thanks" starts with "th"; "shipping" only mentions "Thanks" in its text.
    expect((await lookupShortcuts(getDb(), shopA, 'th')).map((s) => s.shortcut)).toEqual(['thanks', 'shipping']);
    expect((await lookupShortcuts(getDb(), shopB, 'th')).map((s) => s.shortcut)).toEqual(['thanks-b']);
    // Wildcards are literal.
    expect((await lookupShortcuts(getDb(), shopA, '%')).map((s) => s.shortcut)).toEqual(['100%_sure']);
    expect((await lookupShortcuts(getDb(), shopA, '_')).map((s) => s.shortcut)).toEqual(['100%_sure', 'thanks']);
  });

  it('# text blocks: by title, category or body; titles first', async () => {
    expect((await lookupTextBlocks(getDb(), shopA, 'return')).map((t) => t.title)).toEqual(['Return policy', 'Size guide']);
    expect((await lookupTextBlocks(getDb(), shopA, 'products')).map((t) => t.title)).toEqual(['Size guide']);
    expect((await lookupTextBlocks(getDb(), shopB, 'return')).map((t) => t.title)).toEqual(['Return policy (B)']);
  });

  it('the server action answers for the caller’s workspace only', async () => {
    currentUser = userA;
    const own = await composerLookupAction({ workspaceId: shopA.workspaceId, kind: 'shortcut', query: 'thanks' });
    expect(own).toMatchObject({ ok: true, data: { kind: 'shortcut' } });
    expect(own.ok && own.data.items.map((i) => ('shortcut' in i ? i.shortcut : ''))).toEqual(['thanks', 'shipping']);
    const foreign = await composerLookupAction({ workspaceId: shopB.workspaceId, kind: 'text_block', query: '' });
    expect(foreign).toMatchObject({ ok: false, code: 'forbidden' });
    currentUser = null;
    expect(await composerLookupAction({ workspaceId: shopA.workspaceId, kind: 'shortcut', query: '' })).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});
