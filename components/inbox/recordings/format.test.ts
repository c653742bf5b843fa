import { describe, expect, it } from 'vitest';
import { clock, formatDuration, shortPage } from './format';

describe('recording formats', () => {
  it('says how long a visit was', () => {
    expect(formatDuration(400)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });

  it('shortens page addresses and shows the clock', () => {
    expect(shortPage('https://shop.example.com/')).toBe('shop.example.com');
    expect(shortPage('https://shop.example.com/cart?x=1')).toBe('shop.example.com/cart');
    expect(shortPage('not a url')).toBe('not a url');
    expect(clock(65_400)).toBe('1:05');
  });
});
