'use client';

import { z } from 'zod';

// zod compiles fast object parsers with `new Function` after probing whether eval is allowed.
// The Content-Security-Policy (proxy.ts) forbids eval, and the browser reports even the
// caught probe as a violation; in the browser, zod parses without compiling.
z.config({ jitless: true });

/** Rendered once by the root layout so that this module runs before any client code parses. */
export function ZodJitless() {
  return null;
}
