import { test as base, type BrowserContext, type ConsoleMessage } from '@playwright/test';
import { serveShopMedia } from '../pages/conversation-page';

export { expect } from '@playwright/test';

type Allowance = { pattern: RegExp; reason: string };

export type PageErrorFixtures = {
  /**
   * Lets one test expect a console error it causes on purpose (e.g. a deliberate 4xx).
   * The reason is required so the allowance explains itself where it is used.
   */
  allowConsoleError: (pattern: RegExp, reason: string) => void;
  /** Fails the test on any uncaught page error or console error in any page it opened. */
  pageErrorGuard: { allow(allowance: Allowance): void };
  /**
   * Closes every context a test opened with `browser.newContext()` and left open. Playwright
   * closes only its own `context`; a leftover one keeps an agent signed in and connected to
   * the realtime server, so later tests would see somebody online who is not.
   */
  closeLeftoverContexts: void;
};

/**
 * Every spec imports `test` from here. Each browser context created during a test (the
 * default one, extra contexts for a second agent or a shop page with the widget, and their
 * pages and frames) is watched; at the end the test fails listing every uncaught error and
 * console error, so a broken page cannot pass unnoticed.
 */
export const test = base.extend<PageErrorFixtures>({
  pageErrorGuard: [
    // Checked before the leftover contexts close, so closing them cannot hide or add an error.
    async ({ browser, closeLeftoverContexts: _closedAfter }, use) => {
      const problems: string[] = [];
      const allowances: Allowance[] = [];
      const watch = (context: BrowserContext) => {
        // Media links sent by the tests point at the shop's image host, which Playwright
        // plays (the browser resolves no outside host); any later test may show them.
        void serveShopMedia(context);
        context.on('weberror', (error) => {
          const err = error.error();
          problems.push(`uncaught ${err.name}: ${err.message} (page ${error.page()?.url() ?? '?'})\n${err.stack ?? ''}`);
        });
        context.on('console', (message: ConsoleMessage) => {
          if (message.type() !== 'error') return;
          const where = message.location();
          problems.push(`console.error: ${message.text()} (at ${where.url}:${where.lineNumber}, page ${message.page()?.url() ?? '?'})`);
        });
      };
      browser.on('context', watch);
      try {
        await use({ allow: (allowance) => allowances.push(allowance) });
      } finally {
        browser.off('context', watch);
      }
      const unexpected = problems.filter((p) => !allowances.some((a) => a.pattern.test(p)));
      if (unexpected.length > 0) {
        throw new Error(`${unexpected.length} page error(s) or console error(s) during the test:\n\n${unexpected.join('\n\n')}`);
      }
    },
    { auto: true },
  ],
  closeLeftoverContexts: [
    async ({ browser }, use) => {
      const opened: BrowserContext[] = [];
      const track = (context: BrowserContext) => opened.push(context);
      browser.on('context', track);
      try {
        await use();
      } finally {
        browser.off('context', track);
        await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
      }
    },
    { auto: true },
  ],
  allowConsoleError: async ({ pageErrorGuard }, use) => {
    await use((pattern, reason) => {
      if (!reason.trim()) throw new Error('allowConsoleError needs a reason');
      pageErrorGuard.allow({ pattern, reason });
    });
  },
});
