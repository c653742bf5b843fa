import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(safeReturnPath('/invite/abc')).toBe('/invite/abc');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'invite', '', null, 42, `/${'x'.repeat(600)}`]) {
      expect(safeReturnPath(bad)).toBe('/workspaces');
    }
  });
});
