import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb } from '@/db/client';
import { getDb } from '@/lib/db';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

const renameDefinition = { input: z.object({ name: z.string().trim().min(1, 'Name is required') }), role: 'admin' as const };

async function setup() {
  const db = getDb();
  const shopA = await createWorkspace(db, 'Shop A');
  const shopB = await createWorkspace(db, 'Shop B');
  const agentA = await createUser(db, 'Agent A');
  const adminA = await createUser(db, 'Admin A');
  await addMember(db, shopA.id, agentA.id, 'agent');
  await addMember(db, shopA.id, adminA.id, 'admin');
  return { shopA, shopB, agentA, adminA };
}

describe('runWorkspaceAction', () => {
  it('refuses an agent of workspace A acting on workspace B, before the handler runs', async () => {
    const { shopB, agentA } = await setup();
    let ran = false;
    const result = await runWorkspaceAction(sessionOf(agentA), { workspaceId: shopB.id }, { input: z.object({}), role: 'agent' }, async () => {
      ran = true;
    });
    expect(result).toEqual({ ok: false, code: 'forbidden', error: 'You are not a member of this workspace.' });
    expect(ran).toBe(false);
  });

  it('refuses an agent where the action needs an admin, and lets the admin through', async () => {
    const { shopA, agentA, adminA } = await setup();
    const handler = async (input: { name: string }, ctx: { workspaceId: string; actor: { role: string } }) => ({
      name: input.name,
      role: ctx.actor.role,
      workspaceId: ctx.workspaceId,
    });
    const asAgent = await runWorkspaceAction(sessionOf(agentA), { workspaceId: shopA.id, name: 'New' }, renameDefinition, handler);
    expect(asAgent).toMatchObject({ ok: false, code: 'forbidden' });
    const asAdmin = await runWorkspaceAction(sessionOf(adminA), { workspaceId: shopA.id, name: ' New ' }, renameDefinition, handler);
    expect(asAdmin).toEqual({ ok: true, data: { name: 'New', role: 'admin', workspaceId: shopA.id } });
  });

  it('validates input first, with field errors, and asks the signed-out to sign in', async () => {
    const { shopA, adminA } = await setup();
    const invalid = await runWorkspaceAction(sessionOf(adminA), { workspaceId: shopA.id, name: '' }, renameDefinition, async () => 1);
    expect(invalid).toMatchObject({ ok: false, code: 'invalid', error: 'Name is required', fieldErrors: { name: ['Name is required'] } });
    const badWorkspace = await runWorkspaceAction(sessionOf(adminA), { workspaceId: 'nope', name: 'x' }, renameDefinition, async () => 1);
    expect(badWorkspace).toMatchObject({ ok: false, code: 'invalid' });
    const signedOut = await runWorkspaceAction(null, { workspaceId: shopA.id, name: 'x' }, renameDefinition, async () => 1);
    expect(signedOut).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  it('accepts FormData, passes UserError messages through and hides other errors', async () => {
    const { shopA, adminA } = await setup();
    const form = new FormData();
    form.set('workspaceId', shopA.id);
    form.set('name', 'From a form');
    const ok = await runWorkspaceAction(sessionOf(adminA), form, renameDefinition, async (input) => input.name);
    expect(ok).toEqual({ ok: true, data: 'From a form' });

    const conflict = await runWorkspaceAction(sessionOf(adminA), form, renameDefinition, async () => {
      throw new UserError('conflict', 'Ana already took this conversation');
    });
    expect(conflict).toEqual({ ok: false, code: 'conflict', error: 'Ana already took this conversation' });

    const crash = await runWorkspaceAction(sessionOf(adminA), form, renameDefinition, async () => {
      throw new Error('relation "secret_table" does not exist');
    });
    expect(crash).toEqual({ ok: false, code: 'error', error: 'Something went wrong. Please try again.' });
  });

  it('says the database cannot be reached, distinctly, when a query meets a stopped server', async () => {
    const { shopA, adminA } = await setup();
    // A server that is not there: port 1 refuses connections, as a stopped PostgreSQL does.
    const { db: stopped, pool } = createDb('postgres://postgres@127.0.0.1:1/baton', 1);
    try {
      const result = await runWorkspaceAction(sessionOf(adminA), { workspaceId: shopA.id, name: 'x' }, renameDefinition, async () => {
        await stopped.execute(sql`select 1`);
      });
      expect(result).toEqual({ ok: false, code: 'unavailable', error: 'Baton cannot reach its database right now. Nothing was saved: try again in a moment.' });
    } finally {
      await pool.end();
    }
  });
});
