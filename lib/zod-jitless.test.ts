import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { markZodJitless } from './zod-jitless';

describe('markZodJitless', () => {
  it('sets the jitless setting zod reads, without importing zod', () => {
    markZodJitless();
    expect(z.config().jitless).toBe(true);
    // Zod's own settings stay: locale messages still work.
    expect(z.string().safeParse(1).success).toBe(false);
  });
});
