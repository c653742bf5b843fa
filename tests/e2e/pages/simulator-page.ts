import { expect, type Page } from '@playwright/test';

/** Settings → Customer simulator: a customer writing on one of the demo shop's simulated channels. */
export class SimulatorPage {
  constructor(private readonly page: Page) {}

  /** A new customer's first message on WhatsApp; the welcome flow answers it. */
  async newWhatsAppCustomer(name: string, text: string) {
    await this.page.goto('/w/demo-shop/settings/simulator');
    const channels = this.page.getByRole('navigation', { name: 'Simulated channels' });
    await channels.getByRole('link', { name: 'WhatsApp' }).click();
    await expect(channels.getByRole('link', { name: 'WhatsApp' })).toHaveAttribute('aria-current', 'page');
    await this.page.getByLabel("New customer's name").fill(name);
    await this.page.getByLabel('Message as the customer').fill(text);
    await this.page.getByLabel('Message as the customer').press('Enter');
    await expect(this.page).toHaveURL(/customer=/);
  }
}
