'use client';

import { markZodJitless } from '@/lib/zod-jitless';

// Zod probes `new Function` to decide whether it may compile fast parsers. Our pages forbid
// eval (Content-Security-Policy), so the probe would only fail and report a violation:
// tell zod up front, before any schema in the browser parses. Without importing zod, so a
// page with no schemas (the website chat) does not download it for this.
markZodJitless();

export function StrictCspZod() {
  return null;
}
