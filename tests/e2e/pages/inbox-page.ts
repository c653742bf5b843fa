import { expect, type Locator, type Page } from '@playwright/test';

export class InboxPage {
  readonly rows: Locator;
  constructor(private readonly page: Page) {
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
}
