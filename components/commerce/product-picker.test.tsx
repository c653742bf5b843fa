import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PickerResults, type PickerProduct } from './product-picker';

// Server-rendered markup of the shared product picker's results (no browser here): both
// dialogs' ways of choosing, the set badge, and the loading, empty, error and "not offered" states.

type Item = PickerProduct & { id: string };
const hat: Item = { id: 'hat', name: 'Straw sun hat', price: '฿790.00', sku: 'HAT', stock: 3 };
const kit: Item = { id: 'kit', name: 'Beach day set', price: '¥1,290', sku: 'KIT', stock: 2, includes: 'Straw sun hat, Canvas tote' };
const keyOf = (i: Item) => i.id;
// React separates adjacent text with <!-- -->: drop those to read the text as shown.
const render = (props: Partial<Parameters<typeof PickerResults<Item>>[0]>) =>
  renderToString(<PickerResults<Item> result={null} error={null} keyOf={keyOf} choice={{ kind: 'add', onAdd() {} }} emptyText="Nothing matches." {...props} />).replaceAll('<!-- -->', '');

describe('product picker results', () => {
  it('offers one radio per product in a labelled radio group when picking one', () => {
    const html = render({ result: { products: [hat, kit] }, choice: { kind: 'pick-one', pickedKey: 'kit', onPick() {} } });
    expect(html).toContain('role="radiogroup" aria-label="Products"');
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).toMatch(/type="radio" name="[^"]+" checked=""[^>]*\/>.*Beach day set/);
    expect(html).not.toContain('>Add<');
  });

  it('offers an Add button per product, named after it, when building a cart', () => {
    const html = render({ result: { products: [hat, kit] } });
    expect(html).toContain('aria-label="Add Straw sun hat"');
    expect(html).toContain('aria-label="Add Beach day set"');
    expect(html).not.toContain('radiogroup');
  });

  it('marks a set and says what it holds, with price, SKU and stock', () => {
    const html = render({ result: { products: [kit] } });
    expect(html).toContain('>Set</span>');
    expect(html).toContain('Includes Straw sun hat, Canvas tote');
    expect(html).toContain('¥1,290 · KIT · 2 in stock');
  });

  it('says when it is loading, when nothing matches, when the search failed, and why matches are missing', () => {
    expect(render({})).toContain('Loading products…');
    expect(render({ result: { products: [] } })).toContain('Nothing matches.');
    expect(render({ result: { products: [hat] }, error: 'Search failed' })).toMatch(/role="alert"[^>]*>Search failed/);
    expect(render({ result: { products: [], hidden: 2, soldOut: 1 } })).toContain('Not offered: 2 hidden from the store, 1 out of stock.');
    expect(render({ result: { products: [hat], hidden: 0, soldOut: 0 } })).not.toContain('Not offered');
  });
});
