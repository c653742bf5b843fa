// Zod keeps its settings on globalThis (`__zod_globalConfig`), shared by every copy of zod
// on the page, and reads them when it parses. Writing `jitless` there is what
// `z.config({ jitless: true })` does, without the page loading zod to say it
// (zod-jitless.test.ts checks zod still reads it). Client-safe.

type ZodGlobal = typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };

export function markZodJitless(): void {
  const g = globalThis as ZodGlobal;
  g.__zod_globalConfig = Object.assign(g.__zod_globalConfig ?? {}, { jitless: true });
}
