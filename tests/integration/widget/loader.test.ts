import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const source = fs.readFileSync('public/widget.js', 'utf8');

describe('public/widget.js', () => {
  it('stays small: under 10 KB gzipped', () => {
    expect(gzipSync(source).length).toBeLessThan(10 * 1024);
  });

  it('is plain script that parses without a build step', () => {
    expect(() => new Function(source)).not.toThrow();
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
  });
});
