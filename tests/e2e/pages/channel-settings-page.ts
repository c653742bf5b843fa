import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Channels: connect a platform channel, edit it, disconnect it. */
export class ChannelSettingsPage {
  readonly connectForm: Locator;
  readonly editForm: Locator;

  constructor(private readonly page: Page) {
    this.connectForm = page.getByRole('form', { name: 'Connect a channel' });
    this.editForm = page.getByRole('form', { name: 'Edit channel' });
  }

  async goto(slug = 'demo-shop') {
    await this.page.goto(`/w/${slug}/settings/channels`);
  }

  /** Picks the platform in the connect form (what it says about the platform shows then). */
  async choose(platform: string) {
    await this.connectForm.getByText(platform, { exact: true }).click();
  }

  /** Connects the chosen platform under `name` with its credentials (field label → value). */
  async connect(name: string, credentials: Record<string, string>) {
    await this.connectForm.getByLabel('Name').fill(name);
    for (const [label, value] of Object.entries(credentials)) await this.connectForm.getByLabel(label, { exact: true }).fill(value);
    await this.connectForm.getByRole('button', { name: 'Connect' }).click();
    await expect(this.connectForm.getByRole('status')).toHaveText(`Connected ${name}.`);
  }

  /** Opens a connected channel's own page; returns its address. */
  async open(name: string): Promise<string> {
    await this.page.getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { name })).toBeVisible();
    return this.page.url();
  }

  /** Saves a new name, and any secrets replaced (field label → value); the others stay. */
  async edit(name: string, replaced: Record<string, string> = {}) {
    await this.editForm.getByLabel('Name').fill(name);
    for (const [label, value] of Object.entries(replaced)) await this.editForm.getByLabel(label, { exact: true }).fill(value);
    await this.editForm.getByRole('button', { name: 'Save changes' }).click();
    await expect(this.editForm.getByRole('status')).toHaveText('Saved.');
    await expect(this.page.getByRole('heading', { name })).toBeVisible();
  }

  /** Disconnects the channel on its page: its secrets are forgotten, it is disabled, and it can be reconnected. */
  async disconnect(platform: string) {
    await this.page.getByRole('button', { name: 'Disconnect' }).click();
    await this.page.getByRole('group', { name: 'Confirm disconnect' }).getByRole('button', { name: 'Yes, disconnect' }).click();
    await expect(this.page.getByText(/Disconnected: this channel has no secrets/)).toBeVisible();
    await expect(this.page.getByText(new RegExp(`${platform} · Disabled`))).toBeVisible();
    await expect(this.page.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  }
}
