import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { createUser } from '../support/fixtures';
import { AuthClient } from './auth-client';

// Behind a TLS-terminating proxy the browser speaks https: the session cookie must then be
// Secure (never sent over plain http), and stay usable on a plain-http development server.

const PASSWORD = 'correct horse';
const sessionLine = (client: AuthClient) => client.setCookies.find((line) => /^(__Secure-)?authjs\.session-token=[^;]+/.test(line));

describe('the session cookie', { timeout: 60_000 }, () => {
  it('is Secure, HttpOnly and SameSite=Lax when the app is reached over https', async () => {
    const user = await createUser(getDb(), 'Tls', PASSWORD);
    const browser = new AuthClient('198.51.100.21', 'https');
    const landed = await browser.signIn(user.email, PASSWORD);
    expect(landed.protocol).toBe('https:');
    const line = sessionLine(browser);
    expect(line).toBeTruthy();
    expect(line).toMatch(/^__Secure-authjs\.session-token=/);
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
  });

  it('is not Secure on a plain-http server, so local development can sign in', async () => {
    const user = await createUser(getDb(), 'Plain', PASSWORD);
    const browser = new AuthClient('198.51.100.22', 'http');
    await browser.signIn(user.email, PASSWORD);
    const line = sessionLine(browser);
    expect(line).toMatch(/^authjs\.session-token=/);
    expect(line).not.toMatch(/;\s*Secure/i);
  });
});
