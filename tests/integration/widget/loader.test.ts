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

describe('public/widget-record.js (fetched only by shops that record visits)', () => {
  const recorder = fs.readFileSync('public/widget-record.js', 'utf8');

  it('keeps the loader with it under 10 KB gzipped (rrweb itself loads after, from Baton)', () => {
    expect(gzipSync(source).length + gzipSync(recorder).length).toBeLessThan(10 * 1024);
  });

  it('is plain script that parses without a build step', () => {
    expect(() => new Function(recorder)).not.toThrow();
    expect(recorder).not.toMatch(/^\s*(import|export)\s/m);
  });
});

describe('public/widget-cobrowse.js (fetched only once a visitor accepts co-browsing)', () => {
  const cobrowse = fs.readFileSync('public/widget-cobrowse.js', 'utf8');

  it('keeps the loader with it under 10 KB gzipped (rrweb itself loads after, from Baton)', () => {
    expect(gzipSync(source).length + gzipSync(cobrowse).length).toBeLessThan(10 * 1024);
  });

  it('is plain script that parses without a build step', () => {
    expect(() => new Function(cobrowse)).not.toThrow();
    expect(cobrowse).not.toMatch(/^\s*(import|export)\s/m);
  });
});

describe('public/widget-record-shared.js (the one recorder, served after rrweb for both)', () => {
  const shared = fs.readFileSync('public/widget-record-shared.js', 'utf8');

  it('is plain script that parses without a build step, and masks inputs and blocks private parts and the co-browsing bar', () => {
    expect(() => new Function(shared)).not.toThrow();
    expect(shared).not.toMatch(/^\s*(import|export)\s/m);
    expect(shared).toContain('maskAllInputs: true');
    expect(shared).toContain("blockSelector: '[data-baton-private],#baton-chat,#baton-cobrowse'");
  });

  it('is the only place that starts rrweb: recording and co-browsing listen to it', () => {
    for (const file of ['public/widget-record.js', 'public/widget-cobrowse.js']) {
      const script = fs.readFileSync(file, 'utf8');
      expect(script).not.toMatch(/rrwebRecord|\brecord\(/);
      expect(script).toContain('.listen(emit)');
    }
  });
});
