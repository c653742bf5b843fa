import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Customer simulator: a customer writing on one of the demo shop's simulated channels. */
export class SimulatorPage {
  readonly channels: Locator;
  /** What the customer's phone shows: only what the platform accepted. */
  readonly phone: Locator;

  constructor(private readonly page: Page) {
    this.channels = page.getByRole('navigation', { name: 'Simulated channels' });
    this.phone = page.getByRole('list', { name: "Customer's chat" });
  }

  async goto() {
    await this.page.goto('/w/demo-shop/settings/simulator');
  }

  /** Hands one of the shop's own channels to the simulator ("Your other channels → Simulate"). */
  async simulate(channelName: string) {
    await this.goto();
    await this.page.getByRole('button', { name: `Simulate ${channelName}` }).click();
  }

  /** Picks the simulated channel to write on, by its link's name. */
  async choose(channel: string | RegExp) {
    const link = this.channels.getByRole('link', { name: channel });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
  }

  /** A new customer's first message on the chosen channel. */
  async newCustomer(name: string, text: string) {
    await this.page.getByLabel("New customer's name").fill(name);
    await this.page.getByLabel('Message as the customer').fill(text);
    await this.page.getByLabel('Message as the customer').press('Enter');
    await expect(this.page).toHaveURL(/customer=/);
  }

  /** A new customer's first message on WhatsApp; the welcome flow answers it. */
  async newWhatsAppCustomer(name: string, text: string) {
    await this.goto();
    await this.choose('WhatsApp');
    await this.newCustomer(name, text);
  }
}
