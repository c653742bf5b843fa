import { describe, expect, it } from 'vitest';
import { formatCallDuration } from './duration';

describe('formatCallDuration', () => {
  it.each([
    [0, '0 s'],
    [45_400, '45 s'],
    [192_000, '3 min 12 s'],
    [180_000, '3 min'],
    [3_720_000, '1 h 2 min'],
    [3_600_000, '1 h'],
    [-5, '0 s'],
  ])('%i ms is "%s"', (ms, text) => expect(formatCallDuration(ms)).toBe(text));
});
