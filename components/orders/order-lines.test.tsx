import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OrderLines } from './order-lines';

// The short item list of the Orders page and the customer panel: a set line says it is a set
// and what it held, in text.
const render = (lines: Parameters<typeof OrderLines>[0]['lines']) => renderToString(<OrderLines lines={lines} label="Items of order #1052" />).replaceAll('<!-- -->', '');

describe('order lines', () => {
  it('lists product lines and marks set lines with their contents', () => {
    const html = render([
      { id: '1', name: 'Beach day set', quantity: 2, setContents: 'Straw sun hat, Canvas tote' },
      { id: '2', name: 'Straw sun hat', quantity: 1, setContents: null },
    ]);
    expect(html).toContain('aria-label="Items of order #1052"');
    expect(html).toMatch(/2 × Beach day set <span[^>]*>Set<\/span> <span[^>]*>\(each: Straw sun hat, Canvas tote\)<\/span>/);
    expect(html).toContain('<li>1 × Straw sun hat</li>');
  });

  it('renders nothing for an order without lines', () => {
    expect(render([])).toBe('');
  });
});
