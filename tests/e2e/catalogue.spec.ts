import { readFile } from 'node:fs/promises';
import { expect, test } from './support/test';
import { ProductsPage } from './pages/products-page';
import { demo, SignInPage } from './pages/sign-in-page';

test('an admin creates a product with a variant, finds it in the list and exports the catalogue as CSV', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();

  await page.goto('/w/demo-shop/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Products', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New product' }).click();

  const sku = `E2E-${Date.now()}`;
  const form = page.getByRole('form', { name: 'New product' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('E2E linen shirt');
  await form.getByRole('textbox', { name: 'SKU', exact: true }).fill(sku);
  await form.getByRole('textbox', { name: 'Price', exact: true }).fill('29.90');
  await form.getByRole('textbox', { name: 'Currency', exact: true }).fill('USD');
  await form.getByRole('spinbutton', { name: 'Stock', exact: true }).fill('5');
  await form.getByLabel('Hashtags').fill('#linen #e2e');
  await form.getByLabel('Short description').fill('Breathable linen, relaxed fit.');
  await form.getByRole('button', { name: 'Add variant' }).click();
  await form.getByLabel('Variant 1 name').fill('Medium');
  await form.getByLabel('Variant 1 SKU').fill(`${sku}-M`);
  await form.getByLabel('Variant 1 stock').fill('3');
  await form.getByRole('button', { name: 'Create product' }).click();

  // Back on the list: search by hashtag finds it, with its variant count.
  await expect(page).toHaveURL(/\/settings\/products$/);
  await page.getByRole('searchbox', { name: 'Search products' }).fill(sku);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const row = page.getByRole('table', { name: 'Products' }).getByRole('row').filter({ hasText: sku });
  await expect(row).toContainText('E2E linen shirt');
  await expect(row).toContainText('$29.90');
  await expect(row.getByRole('cell').nth(4)).toHaveText('1');

  // A duplicate SKU is refused on the field.
  await page.getByRole('link', { name: 'New product' }).click();
  const again = page.getByRole('form', { name: 'New product' });
  await again.getByRole('textbox', { name: 'Name', exact: true }).fill('Copy');
  await again.getByRole('textbox', { name: 'SKU', exact: true }).fill(sku);
  await again.getByRole('textbox', { name: 'Price', exact: true }).fill('1');
  await again.getByRole('button', { name: 'Create product' }).click();
  await expect(again.getByRole('status')).toContainText(`The SKU ${sku} is already used`);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Export: a CSV download with the product row and its variant row.
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^products-demo-shop-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!)).toString('utf8');
  expect(csv.startsWith('\ufefftype,sku,parent_sku,name,description,hashtags,price,currency,stock,images,visible_on_store,set_items\r\n')).toBe(true);
  expect(csv).toContain(`product,${sku},,E2E linen shirt,"Breathable linen, relaxed fit.",#linen #e2e,29.90,USD,5,,yes,\r\n`);
  expect(csv).toContain(`variant,${sku}-M,${sku},Medium,,,,,3,,,\r\n`);
});

test('an admin creates a set from two products and sees its stock derived from theirs', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(demo.admin.email, demo.admin.password);
  await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();

  const products = new ProductsPage(page);
  await products.open();
  const form = await products.startNew();
  const sku = `E2E-SET-${Date.now()}`;
  await products.describeSet(form, { name: 'E2E picnic set', sku, price: '990', currency: 'THB' });
  // A set has components instead of its own stock and variants.
  await expect(form.getByRole('spinbutton', { name: 'Stock', exact: true })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Add variant' })).toHaveCount(0);

  // The demo shop has 12 sun hats and 40 totes: one hat and two totes per set → 12 sets.
  await products.addComponent(form, 'straw', 'Straw sun hat');
  await products.addComponent(form, 'tote', 'Canvas tote', 2);
  await expect(form.getByRole('table', { name: 'Products in this set' }).getByRole('row')).toHaveCount(3);
  await expect(form.getByText(/Set stock: 12 sets/)).toBeVisible();
  await form.getByRole('spinbutton', { name: 'Quantity of Straw sun hat' }).fill('5');
  await expect(form.getByText(/Set stock: 2 sets/)).toBeVisible();
  await form.getByRole('spinbutton', { name: 'Quantity of Straw sun hat' }).fill('1');
  await form.getByRole('button', { name: 'Create set' }).click();

  // In the list: the Set badge, its derived stock, and how many products it holds.
  await expect(page).toHaveURL(/\/settings\/products$/);
  await products.search(sku);
  const row = products.row(sku);
  await expect(row).toContainText('E2E picnic set');
  await expect(row).toContainText('Set');
  await expect(row.getByRole('cell').nth(3)).toContainText('12');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2 products');

  // Its page shows the components and the same stock.
  await row.getByRole('link', { name: 'E2E picnic set' }).click();
  const edit = page.getByRole('form', { name: 'Edit E2E picnic set' });
  await expect(edit.getByRole('table', { name: 'Products in this set' })).toContainText('Canvas tote');
  await expect(edit.getByText(/Set stock: 12 sets/)).toBeVisible();
});
