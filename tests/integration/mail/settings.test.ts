import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailSettings } from '@/db/schema';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { getConfig } from '@/lib/config';
import { decryptSecret } from '@/lib/crypto/secrets';
import { getDb } from '@/lib/db';
import { sendTestEmail, sendTestEmailInput } from '@/lib/mail/send-test';
import { getMailSettings, mailSettingsInput, saveMailSettings } from '@/lib/mail/settings';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server';
import { allowHosts } from '../support/channel-world';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// Settings → Email: an admin's SMTP server, its password sealed and never read back, its
// host held to the outside-address rule, and "Send test email" through a real SMTP server.

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'shop-mailer', password: 's3cret pass' });
  allowHosts([`127.0.0.1:${smtp.port}`]);
});
afterAll(() => smtp.close());

async function adminWorld(name = 'Mail Shop') {
  const db = getDb();
  const workspace = await createWorkspace(db, name);
  const admin = await createUser(db, 'Ada Admin');
  await addMember(db, workspace.id, admin.id, 'admin');
  const ctx = { workspaceId: workspace.id, actor: { id: admin.id, name: admin.name, email: admin.email, role: 'admin' as const } };
  return { db, workspace, admin, ctx };
}

const save = (user: { id: string; name: string; email: string }, workspaceId: string, input: Record<string, unknown>) =>
  runWorkspaceAction(sessionOf(user), { workspaceId, ...input }, { input: mailSettingsInput, role: 'admin' }, (parsed, ctx) => saveMailSettings(getDb(), ctx, parsed));

const good = () => ({ host: '127.0.0.1', port: String(smtp.port), security: 'none', username: 'shop-mailer', password: 's3cret pass', fromAddress: 'Help@MailShop.example' });

describe('saving the SMTP settings', () => {
  it('stores the password sealed and tells the page only that one is set', async () => {
    const { db, workspace, admin, ctx } = await adminWorld();
    const saved = await save(admin, workspace.id, good());
    expect(saved).toEqual({ ok: true, data: { host: '127.0.0.1', port: smtp.port, security: 'none', username: 'shop-mailer', passwordSet: true, fromAddress: 'help@mailshop.example' } });

    const [row] = await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, workspace.id));
    expect(row!.passwordEncrypted).not.toContain('s3cret');
    expect(decryptSecret(row!.passwordEncrypted!, getConfig().BATON_ENCRYPTION_KEY)).toBe('s3cret pass');
    const view = await getMailSettings(db, ctx);
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(JSON.stringify(view)).not.toContain(row!.passwordEncrypted!);
    const audits = await db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(audits.map((a) => a.action)).toEqual(['workspace.mail_settings_updated']);
    expect(JSON.stringify(audits[0]!.data)).not.toContain('s3cret');
    expect(audits[0]!.data).toMatchObject({ password: 'replaced' });
  });

  it('keeps the password when the field is left empty, replaces it when typed, and clears it on request', async () => {
    const { db, workspace, admin } = await adminWorld();
    await save(admin, workspace.id, good());
    const sealed = async () => (await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, workspace.id)))[0]!.passwordEncrypted;
    const first = await sealed();

    expect(await save(admin, workspace.id, { ...good(), password: '', host: 'smtp.mailshop.example', port: '2526' })).toMatchObject({ ok: true, data: { host: 'smtp.mailshop.example', port: 2526, passwordSet: true } });
    expect(await sealed()).toBe(first);

    await save(admin, workspace.id, { ...good(), password: 'new one' });
    expect(decryptSecret((await sealed())!, getConfig().BATON_ENCRYPTION_KEY)).toBe('new one');

    expect(await save(admin, workspace.id, { ...good(), password: '', clearPassword: 'on' })).toMatchObject({ ok: true, data: { passwordSet: false } });
    expect(await sealed()).toBeNull();
  });

  it.each([
    ['a URL as the host', { host: 'https://smtp.example.com' }, 'host', 'Enter a host name like smtp.example.com, without https:// or a port'],
    ['a private address', { host: '10.0.0.5' }, 'host', 'Baton does not connect to private or local addresses (10.0.0.5 is a private address). Use your mail provider\'s public host name.'],
    ['the metadata address', { host: '169.254.169.254' }, 'host', 'Baton does not connect to private or local addresses (169.254.169.254 is a link-local address). Use your mail provider\'s public host name.'],
    ['localhost', { host: 'localhost' }, 'host', 'Baton does not connect to private or local addresses (localhost is a loopback name). Use your mail provider\'s public host name.'],
    ['a loopback address not on the allow-list', { host: '127.0.0.1', port: '2999' }, 'host', 'Baton does not connect to private or local addresses (127.0.0.1 is a loopback address). Use your mail provider\'s public host name.'],
    ['an address in disguise', { host: '2130706433' }, 'host', 'Enter a host name like smtp.example.com, without https:// or a port'],
    ['a port out of range', { port: '70000' }, 'port', 'Choose a port from 1 to 65535'],
    ['a port in words', { port: 'smtp' }, 'port', 'Enter the port, like 587'],
    ['an unknown security', { security: 'ssl' }, 'security', 'Choose TLS, STARTTLS or none'],
    ['a bad sender', { fromAddress: 'help@' }, 'fromAddress', 'Enter the sender’s address, like help@yourshop.com'],
  ])('refuses %s with a clear message and saves nothing', async (_what, change, field, message) => {
    const { db, workspace, admin } = await adminWorld();
    const result = await save(admin, workspace.id, { ...good(), ...change });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(!result.ok && result.fieldErrors?.[field]).toEqual([message]);
    expect(await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, workspace.id))).toHaveLength(0);
  });

  it('is for admins of the workspace only', async () => {
    const { db, workspace } = await adminWorld();
    const agent = await createUser(db, 'Agent Al');
    await addMember(db, workspace.id, agent.id, 'agent');
    expect(await save(agent, workspace.id, good())).toMatchObject({ ok: false, code: 'forbidden' });
    const other = await adminWorld('Other Shop');
    expect(await save(other.admin, workspace.id, good())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, workspace.id))).toHaveLength(0);
  });
});

describe('send test email', () => {
  it('sends through the saved server with the login, from the shop by name', async () => {
    const { db, workspace, admin, ctx } = await adminWorld('Test Mail Shop');
    await save(admin, workspace.id, good());
    const to = sendTestEmailInput.parse({ to: 'Owner@Example.com' });
    expect(await sendTestEmail(db, ctx, to)).toEqual({ to: 'owner@example.com' });
    const email = await smtp.waitFor((e) => e.envelope.to.includes('owner@example.com'));
    expect(email.user).toBe('shop-mailer');
    expect(email.parsed.from?.value).toEqual([{ name: 'Test Mail Shop', address: 'help@mailshop.example' }]);
    expect(email.parsed.subject).toBe('Test email from Test Mail Shop');
    expect(email.parsed.text).toContain('Your email settings work');
  });

  it('tells the admin what the server said when it refuses the login', async () => {
    const { workspace, admin } = await adminWorld();
    await save(admin, workspace.id, { ...good(), password: 'wrong' });
    const result = await runWorkspaceAction(sessionOf(admin), { workspaceId: workspace.id, to: 'owner@example.com' }, { input: sendTestEmailInput, role: 'admin' }, (input, ctx) => sendTestEmail(getDb(), ctx, input));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^The test email could not be sent: .*Invalid username or password/);
  });

  it('asks for the settings first when none are saved', async () => {
    const { db, ctx } = await adminWorld();
    await expect(sendTestEmail(db, ctx, { to: 'owner@example.com' })).rejects.toThrow('Save the email settings first, then send a test.');
  });
});
