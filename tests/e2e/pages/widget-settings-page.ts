import { expect, type Locator, type Page } from '@playwright/test';
import { demo, SignInPage } from './sign-in-page';

/** Settings → Channels → Website chat: the form and its live preview. */
export class WidgetSettingsPage {
  readonly form: Locator;
  readonly preview: Locator;
  readonly previewLauncher: Locator;
  readonly save: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Website chat settings' });
    this.preview = page.getByTestId('widget-preview');
    this.previewLauncher = page.getByTestId('preview-launcher');
    this.save = this.form.getByRole('button', { name: 'Save' });
  }

  /** Signs the demo admin in and opens the page through the channel list. */
  async open() {
    const signIn = new SignInPage(this.page);
    await signIn.goto();
    await signIn.signIn(demo.admin.email, demo.admin.password);
    await this.page.getByRole('link', { name: /Demo Shop/ }).click();
    await this.page.goto('/w/demo-shop/settings/channels');
    await this.page.getByRole('link', { name: 'Website chat' }).click();
    await this.page.getByRole('link', { name: /Appearance, allowed sites/ }).click();
    await expect(this.previewLauncher).toBeVisible();
  }

  field(label: string) {
    return this.form.getByLabel(label, { exact: true });
  }

  async saveAndExpectSaved() {
    await this.save.click();
    await expect(this.form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }

  /** Back to the demo seed's look and behaviour, so later tests see the chat they expect. */
  async restoreDefaults() {
    await this.field('Brand colour').fill('#0f766e');
    await this.form.getByRole('radio', { name: 'Bottom right' }).check();
    await this.field('Distance from the side (px)').fill('20');
    await this.field('Distance from the bottom (px)').fill('20');
    await this.form.getByRole('radio', { name: 'Speech bubble' }).check();
    await this.field('Launcher label').fill('');
    await this.form.getByRole('radio', { name: "Agents' names", exact: true }).check();
    await this.field("Language of the chat's own texts").selectOption('en');
    await this.form.getByRole('checkbox', { name: "Use the visitor's browser language when the chat has it" }).uncheck();
    await this.form.getByRole('checkbox', { name: /Follow the business hours/ }).uncheck();
    await this.form.getByRole('checkbox', { name: 'Hide the launcher while nobody is available' }).uncheck();
    await this.form.getByRole('radio', { name: 'can chat anyway' }).check();
    await this.saveAndExpectSaved();
  }
}
