import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { ConversationPage } from './conversation-page';
import { demo, SignInPage } from './sign-in-page';

export class InboxPage {
  readonly rows: Locator;

  /** Ben (one workspace: straight to its inbox), signed in in a context of his own, waiting in Requests. */
  static async agentInRequests(browser: Browser): Promise<InboxPage> {
    const agent = await (await browser.newContext()).newPage();
    const signIn = new SignInPage(agent);
    await signIn.goto();
    await signIn.signIn(demo.ben.email, demo.ben.password);
    const inbox = new InboxPage(agent);
    await inbox.expectLoaded();
    await inbox.waitInRequests();
    return inbox;
  }

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('conversation-row');
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/w\/[^/]+\/inbox/);
    await expect(this.page.getByRole('navigation', { name: 'Inbox tabs' })).toBeVisible();
  }

  tab(name: string) {
    return this.page.getByRole('navigation', { name: 'Inbox tabs' }).getByRole('link', { name });
  }

  /** Opens the Requests tab, where new conversations arrive live. */
  async waitInRequests() {
    await this.tab('Requests').click();
    await expect(this.page).toHaveURL(/tab=requests/);
  }

  /** The customer's request, arrived live (no reload), marked with its channel's icon. */
  async request(customer: string, channel: string): Promise<Locator> {
    const row = this.rows.filter({ hasText: customer });
    await expect(row).toBeVisible();
    await expect(row.getByRole('img', { name: channel, exact: true })).toBeVisible();
    return row;
  }

  async workspaceId(): Promise<string> {
    const id = await this.page.locator('[data-workspace-id]').getAttribute('data-workspace-id');
    if (!id) throw new Error('workspace id not found on the page');
    return id;
  }

  /** Opens the customer's new request (live, marked with its channel), finds their question there and replies. */
  async answer(request: { customer: string; channel: string; question: string; reply: string }) {
    await (await this.request(request.customer, request.channel)).click();
    const conversation = new ConversationPage(this.page);
    await expect(conversation.messages.getByText(request.question)).toBeVisible();
    await conversation.sendText(request.reply);
  }

  async close() {
    await this.page.context().close();
  }
}
