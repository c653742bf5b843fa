import { describe, expect, it } from 'vitest';
import { deriveSetStock, describeComponents, formatSetItemsCell, namesOfSets, parseSetItemsCell } from './set-rules';

describe('deriveSetStock', () => {
  it('is the scarcest component’s whole sets', () => {
    expect(deriveSetStock([{ stock: 12, quantity: 1 }, { stock: 7, quantity: 2 }])).toBe(3);
    expect(deriveSetStock([{ stock: 1, quantity: 2 }, { stock: 50, quantity: 1 }])).toBe(0);
    expect(deriveSetStock([{ stock: 9, quantity: 3 }])).toBe(3);
  });
  it('is zero for a set without components', () => {
    expect(deriveSetStock([])).toBe(0);
  });
});

describe('set_items CSV cell', () => {
  it('reads SKU*quantity separated by semicolons; the quantity defaults to 1', () => {
    expect(parseSetItemsCell('TEE-1-M*2; MUG ;HAT * 3')).toEqual([
      { sku: 'TEE-1-M', quantity: 2 },
      { sku: 'MUG', quantity: 1 },
      { sku: 'HAT', quantity: 3 },
    ]);
    expect(parseSetItemsCell('')).toEqual([]);
  });
  it('refuses bad quantities and text that is not a SKU', () => {
    expect(parseSetItemsCell('MUG*0')).toMatch(/1 to 999/);
    expect(parseSetItemsCell('two mugs')).toMatch(/not SKU\*quantity/);
    expect(parseSetItemsCell('MUG*x')).toMatch(/not SKU\*quantity/);
  });
  it('writes what it reads', () => {
    const items = [{ sku: 'A', quantity: 1 }, { sku: 'B-M', quantity: 2 }];
    expect(formatSetItemsCell(items)).toBe('A*1;B-M*2');
    expect(parseSetItemsCell(formatSetItemsCell(items))).toEqual(items);
  });
});

describe('wording', () => {
  it('lists components and sets', () => {
    expect(describeComponents([{ name: 'Hat', quantity: 1 }, { name: 'Mug', quantity: 2 }])).toBe('Hat, 2 × Mug');
    expect(namesOfSets(['Beach kit'])).toBe('the set Beach kit');
    expect(namesOfSets(['A', 'B', 'C'])).toBe('the sets A, B and C');
  });
});
