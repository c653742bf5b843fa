import { describe, expect, it } from 'vitest';
import { movedOrder } from './ordered-list';

describe('moving a rule in its list', () => {
  it('swaps it with its neighbour, stays put at either end, and knows a rule that is gone', () => {
    expect(movedOrder(['a', 'b', 'c'], 'c', 'up')).toEqual(['a', 'c', 'b']);
    expect(movedOrder(['a', 'b', 'c'], 'a', 'down')).toEqual(['b', 'a', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 'a', 'up')).toEqual(['a', 'b', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 'c', 'down')).toEqual(['a', 'b', 'c']);
    expect(movedOrder(['a', 'b'], 'x', 'up')).toBeNull();
  });
});
