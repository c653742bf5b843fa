import { expect, type Page } from '@playwright/test';

export const demo = {
  admin: { email: 'admin@demo.baton.chat', password: 'baton-demo', name: 'Ana Admin' },
  ben: { email: 'ben@demo.baton.chat', password: 'baton-demo', name: 'Ben Carter' },
  chloe: { email: 'chloe@demo.baton.chat', password: 'baton-demo', name: 'Chloe Tan' },
};

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/signin');
    await expect(this.page.getByRole('heading', { name: /sign in/i })).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and opens the demo shop's inbox. */
  async signInToDemoShop(user: { email: string; password: string }) {
    await this.goto();
    await this.signIn(user.email, user.password);
    await this.page.getByRole('link', { name: /Demo Shop/ }).click();
    await expect(this.page).toHaveURL(/\/w\/demo-shop\/inbox/);
    await expect(this.page.getByRole('navigation', { name: 'Inbox tabs' })).toBeVisible();
  }
}
