import { expect, test, type Page } from '@playwright/test';
import { InboxPage } from './pages/inbox-page';
import { demo, SignInPage } from './pages/sign-in-page';
import { demoWidget, ShopWithWidget } from './pages/widget-page';

// What the browser enforces on every page: scripts only with the request's nonce, nothing
// loaded from other sites, no framing outside the website-chat widget.

const directive = (policy: string, name: string) => policy.split(/;\s*/).find((d) => d.startsWith(`${name} `)) ?? '';

/** Collects the page's Content-Security-Policy violations from the start of every document. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('pages carry a nonce policy, refuse framing and unused browser features', async ({ page }) => {
  const response = await page.goto('/signin');
  const headers = response!.headers();
  const policy = headers['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(directive(policy, 'script-src'))?.[1];
  expect(nonce).toBeTruthy();
  expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive(policy, 'img-src')).toBe("img-src 'self' data: blob:");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Next put the same nonce on its own scripts; the next request gets a fresh one.
  const scripts = await page.locator('script[nonce]').count();
  expect(scripts).toBeGreaterThan(0);
  const again = (await page.request.get('/signin')).headers()['content-security-policy'];
  expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);
});

test('an injected inline handler does not run, while the app itself runs and goes live without a violation', async ({ page }) => {
  const violations = await recordViolations(page);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.ben.email, demo.ben.password);
  const inbox = new InboxPage(page);
  await inbox.expectLoaded();
  await inbox.rows.first().click();
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
  expect(await violations()).toEqual([]);

  // What a stored XSS would try: markup with an inline handler written into the page.
  const ran = await page.evaluate(async () => {
    const box = document.createElement('div');
    box.innerHTML = '<img src="/no-such-picture.png" onerror="window.__injected = true">';
    document.body.append(box);
    await new Promise((resolve) => box.querySelector('img')!.addEventListener('error', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
});

test('the widget page may be framed by its shop’s sites only, and API answers run nothing', async ({ browser, request }) => {
  const widget = await request.get(`/widget/${demoWidget.token}`);
  const policy = widget.headers()['content-security-policy'];
  expect(directive(policy, 'frame-ancestors')).toContain(demoWidget.shopOrigin);
  expect(widget.headers()['x-frame-options']).toBeUndefined();
  const unknown = await request.get('/widget/not-a-real-token-0000000000');
  expect(directive(unknown.headers()['content-security-policy'], 'frame-ancestors')).toBe("frame-ancestors 'none'");

  const api = await request.get('/api/health');
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");

  // And the widget still opens on the shop's page under its policy. (The shop's page is
  // "public" to Chromium and the app runs on localhost: grant Local Network Access, as a
  // visitor's browser never has to with a deployed Baton.)
  const context = await browser.newContext({ permissions: ['local-network-access'] });
  const page = await context.newPage();
  const shop = new ShopWithWidget(page);
  await shop.goto();
  await shop.open();
  await expect(shop.composer).toBeEditable();
  await context.close();
});
