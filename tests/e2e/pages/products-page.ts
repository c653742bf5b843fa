import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Products: the list, and the editor for a new product or set. */
export class ProductsPage {
  constructor(private readonly page: Page) {}

  async open(slug = 'demo-shop') {
    await this.page.goto(`/w/${slug}/settings`);
    await this.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Products', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  }

  /** Opens "New product" and returns its form. */
  async startNew(): Promise<Locator> {
    await this.page.getByRole('link', { name: 'New product' }).click();
    return this.page.getByRole('form', { name: 'New product' });
  }

  /** In a new item's form: choose Set and fill what every product has. */
  async describeSet(form: Locator, values: { name: string; sku: string; price: string; currency: string }) {
    await form.getByRole('radio', { name: /^Set/ }).check();
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(values.name);
    await form.getByRole('textbox', { name: 'SKU', exact: true }).fill(values.sku);
    await form.getByRole('textbox', { name: 'Price', exact: true }).fill(values.price);
    await form.getByRole('textbox', { name: 'Currency', exact: true }).fill(values.currency);
  }

  /** Finds a product in the set editor's picker and adds it with a quantity. */
  async addComponent(form: Locator, search: string, name: string, quantity = 1) {
    await form.getByRole('searchbox', { name: 'Add a product' }).fill(search);
    await form.getByRole('list', { name: 'Products to add' }).getByRole('button', { name: `Add ${name} to the set` }).click();
    await form.getByRole('spinbutton', { name: `Quantity of ${name}` }).fill(String(quantity));
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search products' }).fill(text);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  row(text: string): Locator {
    return this.page.getByRole('table', { name: 'Products' }).getByRole('row').filter({ hasText: text });
  }
}
