'use client';

import { z } from 'zod';

// Zod probes `new Function` to decide whether it may compile fast parsers. Our pages forbid
// eval (Content-Security-Policy), so the probe would only fail and report a violation:
// tell zod up front, before any schema in the browser parses.
z.config({ jitless: true });

export function StrictCspZod() {
  return null;
}
