import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** A small valid PNG, a PDF and an MP4 header: what the upload check accepts by their bytes. */
export const sampleFiles = {
  png: {
    name: 'swatch.png',
    mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64'),
  },
  pdf: { name: 'size-guide.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') },
  mp4: {
    name: 'fitting.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(200)]),
  },
};

/**
 * Where the tests' media links point. The browser resolves no outside host, so Playwright
 * plays the shop's image server for every context that shows the link (agent and widget).
 */
export const shopMedia = { origin: 'https://cdn.demo-shop.example.com', image: 'https://cdn.demo-shop.example.com/lookbook.png' };

export async function serveShopMedia(context: BrowserContext) {
  await context.route(`${shopMedia.origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: sampleFiles.png.buffer }));
}

/**
 * The open conversation: its toolbar, history and composer. Each send helper waits until
 * the message is in the history; `expectDelivered` waits until the channel's platform
 * accepted it (the simulated platforms check every request's shape as Meta and LINE do,
 * and refuse a malformed one, which shows as "Failed").
 */
export class ConversationPage {
  readonly panel: Locator;
  readonly messages: Locator;
  readonly reply: Locator;
  readonly attachments: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Conversation', exact: true });
    this.messages = page.getByRole('list', { name: 'Messages', exact: true });
    this.reply = page.getByLabel('Reply to the customer');
    this.attachments = page.getByRole('group', { name: 'Attachments' });
  }

  /** The composer is ready for the next message once the previous send has finished. */
  private async idle() {
    await expect(this.page.getByRole('form', { name: 'Reply' }).getByRole('button', { name: /^(Send|Add note)$/ })).toBeVisible();
  }

  /** Opens a customer's open conversation from the All tab, searching for it. */
  async open(customer: string, slug = 'demo-shop') {
    await this.page.goto(`/w/${slug}/inbox?tab=all`);
    await this.page.getByRole('searchbox', { name: 'Search customers' }).fill(customer);
    await expect(this.page).toHaveURL(/[?&]q=/);
    await this.page.getByTestId('conversation-row').filter({ hasText: customer }).first().click();
    await expect(this.panel.getByRole('heading', { name: customer })).toBeVisible();
    await expect(this.messages).toBeVisible();
  }

  /**
   * A conversation action's button: in the header's row on a wide screen, in the Actions
   * sheet on a phone (opened here when it is closed).
   */
  async action(name: string | RegExp): Promise<Locator> {
    const sheetToggle = this.panel.getByRole('button', { name: 'Actions', exact: true });
    if ((await sheetToggle.isVisible()) && (await sheetToggle.getAttribute('aria-expanded')) !== 'true') await sheetToggle.click();
    return this.panel.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Opens an action's dialog; the header is server-rendered, so the click is retried until the page is interactive. */
  async openDialog(button: string, dialogName: string): Promise<Locator> {
    const dialog = this.page.getByRole('dialog', { name: dialogName });
    await expect(async () => {
      await (await this.action(button)).click();
      await expect(dialog).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    return dialog;
  }

  /** Shares the product the search finds; returns its card in the history. */
  async shareProduct(search: string, product: string): Promise<Locator> {
    const share = await this.openDialog('Share product', 'Share a product');
    await share.getByLabel('Search by name, SKU or #hashtag').fill(search);
    await share.getByRole('radio', { name: new RegExp(`^${product}`) }).check();
    await share.getByRole('button', { name: 'Share to chat' }).click();
    await expect(share).toBeHidden();
    const card = this.messages.getByTestId('message').filter({ hasText: product }).last();
    await expect(card).toBeVisible();
    return card;
  }

  /** Creates a delivery order of one product; returns its summary in the history. */
  async createOrder(search: string, product: string, address: string): Promise<Locator> {
    const order = await this.openDialog('Create order', 'Create an order');
    await order.getByLabel('Search products by name, SKU or #hashtag').fill(search);
    await order.getByRole('button', { name: `Add ${product}` }).click();
    await order.getByRole('textbox', { name: 'Address' }).fill(address);
    await order.getByRole('button', { name: 'Create order and send summary' }).click();
    await expect(order).toBeHidden();
    const summary = this.messages.getByText(/Your order #\d+/).last();
    await expect(summary).toBeVisible();
    return summary;
  }

  async takeOver() {
    await this.panel.getByRole('button', { name: 'Take over' }).click();
    await expect(this.panel.getByRole('button', { name: 'Take over' })).toHaveCount(0);
  }

  /** The newest outbound message containing `text`. */
  sent(text: string | RegExp): Locator {
    return this.messages.getByTestId('message').filter({ hasText: text }).last();
  }

  async expectDelivered(message: Locator) {
    await expect(message.getByTestId('delivery-status')).toHaveAttribute('data-status', /^(sent|delivered|read)$/);
  }

  async sendText(text: string) {
    await this.reply.fill(text);
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue('');
    await expect(this.sent(text)).toBeVisible();
    await this.idle();
    return this.sent(text);
  }

  async addNote(text: string) {
    await this.page.getByRole('checkbox', { name: 'Note', exact: true }).check();
    const box = this.page.getByLabel('Internal note');
    await box.fill(text);
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await this.idle();
    await this.page.getByRole('checkbox', { name: 'Note', exact: true }).uncheck();
    return this.messages.getByTestId('note-message').filter({ hasText: text }).last();
  }

  /** Uploads a file through the composer's File button and sends it with a caption. */
  async sendFile(file: { name: string; mimeType: string; buffer: Buffer }, caption: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.attachments.getByRole('button', { name: 'File', exact: true }).click();
    await (await chooser).setFiles(file);
    await expect(this.page.getByTestId('pending-attachment')).toContainText(file.name);
    await this.reply.fill(caption);
    await this.reply.press('Enter');
    await expect(this.page.getByTestId('pending-attachment')).toHaveCount(0);
    await expect(this.sent(caption)).toBeVisible();
    await this.idle();
    return this.sent(caption);
  }

  async sendLink(url: string, type: 'Image' | 'Video' | 'File', caption: string) {
    await this.attachments.getByRole('button', { name: 'Link' }).click();
    const form = this.page.getByRole('region', { name: 'Send a media link' });
    await form.getByLabel('Public link (https://…)').fill(url);
    await form.getByLabel('Type').selectOption({ label: type });
    await form.getByLabel('Caption (optional)').fill(caption);
    await form.getByRole('button', { name: 'Send link' }).click();
    await expect(form).toHaveCount(0);
    return this.sent(caption);
  }

  async sendLocation(place: { latitude: string; longitude: string; name: string; address: string }) {
    await this.attachments.getByRole('button', { name: 'Location' }).click();
    const form = this.page.getByRole('region', { name: 'Send a location' });
    await form.getByLabel('Latitude').fill(place.latitude);
    await form.getByLabel('Longitude').fill(place.longitude);
    await form.getByLabel('Place name').fill(place.name);
    await form.getByLabel('Address').fill(place.address);
    await form.getByRole('button', { name: 'Send location' }).click();
    await expect(form).toHaveCount(0);
    return this.sent(place.name);
  }

  async sendContact(person: { name: string; phone: string; email: string }) {
    await this.attachments.getByRole('button', { name: 'Contact' }).click();
    const form = this.page.getByRole('region', { name: 'Send a contact card' });
    await form.getByLabel('Name').fill(person.name);
    await form.getByLabel('Phone').fill(person.phone);
    await form.getByLabel('Email (optional)').fill(person.email);
    await form.getByRole('button', { name: 'Send contact' }).click();
    await expect(form).toHaveCount(0);
    return this.sent(person.name);
  }

  /** Types `/hello`, picks the shortcut and sends the filled-in text. */
  async sendShortcut(greeting: RegExp) {
    await this.reply.pressSequentially('/hel');
    await expect(this.page.getByRole('listbox', { name: 'Message shortcuts' }).getByRole('option', { name: /\/hello/ })).toBeVisible();
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue(greeting);
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue('');
    await expect(this.sent(greeting)).toBeVisible();
    await this.idle();
    return this.sent(greeting);
  }

  /** Types `#return`, picks the Return policy text block and sends it. */
  async sendTextBlock(expected: RegExp) {
    await this.reply.pressSequentially('#return');
    await expect(this.page.getByRole('listbox', { name: 'Text blocks' }).getByRole('option', { name: /Return policy/ })).toBeVisible();
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue(expected);
    await this.reply.press('Enter');
    await expect(this.reply).toHaveValue('');
    await expect(this.sent(expected)).toBeVisible();
    await this.idle();
    return this.sent(expected);
  }

  /** In a WhatsApp conversation past 24 hours: sends the English order_update template. */
  async sendTemplate(customer: string, order: string) {
    await this.page.getByTestId('reply-window').getByRole('button', { name: 'Send template message' }).click();
    const picker = this.page.getByRole('region', { name: 'Send template message' });
    await picker.getByRole('radio', { name: /order_update en_US/ }).check();
    await picker.getByLabel('Parameter {{1}}').fill(customer);
    await picker.getByLabel('Parameter {{2}}').fill(order);
    await picker.getByRole('button', { name: 'Send template' }).click();
    await expect(picker).toHaveCount(0);
    return this.sent(`your Demo Shop order ${order} has been shipped`);
  }
}
