import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { tokenId } from '../../../demo/seed/demo-ids';
import { e2eEnv } from '../support/env';

/** The demo seed's web channel (demo/seed/demo-channels.ts): public token and identity secret. */
export const demoWidget = {
  token: tokenId('demo-shop:widget-token', 24),
  hmacToken: tokenId('demo-shop:widget-hmac', 32),
  /** In the seeded channel's allowedOrigins. */
  shopOrigin: 'https://demo-shop.example.com',
};

/**
 * A shop's page that embeds the loader, served by Playwright itself (the browser never
 * resolves the shop's host), and the chat inside the iframe the loader opens.
 */
export class ShopWithWidget {
  readonly launcher: Locator;
  readonly frameElement: Locator;
  readonly chat: FrameLocator;
  readonly messages: Locator;
  readonly composer: Locator;
  /** The quick replies under the latest bot or agent message. */
  readonly suggestions: Locator;

  constructor(
    private readonly page: Page,
    private readonly origin = demoWidget.shopOrigin,
  ) {
    this.launcher = page.getByRole('button', { name: /(Open|Close) chat/ });
    this.frameElement = page.locator('#baton-frame');
    this.chat = page.frameLocator('#baton-frame');
    this.messages = this.chat.getByRole('log', { name: 'Messages' }).getByTestId('widget-message');
    this.composer = this.chat.getByLabel('Message', { exact: true });
    this.suggestions = this.chat.getByRole('group', { name: 'Suggested replies' });
  }

  /** Serves the shop page (with an optional snippet after the loader) and opens it, at `path` (default "/"). */
  async goto(options: { afterLoader?: string; path?: string } = {}) {
    await this.load(options);
    await expect(this.launcher).toBeVisible();
  }

  /** Opens the shop page and waits until the loader has its config (the launcher may stay hidden). */
  async load(options: { afterLoader?: string; path?: string } = {}) {
    const config = this.page.waitForResponse((r) => r.url().includes(`/api/widget/${demoWidget.token}/config`));
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Demo Shop</title></head>
<body><h1>Demo Shop</h1><p>Linen dresses and more.</p><a href="#top">A link on the shop's page</a>
<script>window.Baton = window.Baton || function () { (Baton.q = Baton.q || []).push(arguments) };</script>
<script src="${e2eEnv.baseURL}/widget.js" data-baton-token="${demoWidget.token}" async></script>
${options.afterLoader ?? ''}
</body></html>`;
    await this.page.unroute(`${this.origin}/**`);
    await this.page.route(`${this.origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await this.page.goto(`${this.origin}${options.path ?? '/'}`);
    return (await (await config).json()) as { config: Record<string, unknown> };
  }

  async open() {
    await this.launcher.click();
    await expect(this.frameElement).toBeVisible();
    await expect(this.composer).toBeVisible();
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  message(text: string | RegExp) {
    return this.messages.filter({ hasText: text });
  }

  /** A message the visitor sent (not a reply that quotes the same words). */
  visitorMessage(text: string | RegExp) {
    return this.chat.getByRole('log', { name: 'Messages' }).locator('[data-testid="widget-message"][data-from="visitor"]').filter({ hasText: text });
  }
}
