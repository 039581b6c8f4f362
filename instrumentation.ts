// Next calls register() once when a server process starts. NEXT_RUNTIME is a build-time
// constant set by Next itself (not configuration), which is why it is read here and not in lib/env.ts.
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startup } = await import('./lib/startup');
    await startup();
  }
}

// Errors thrown while rendering a page or route: one structured line whose id is Next's
// digest, the reference that the error pages (components/ui/error-panel.tsx) show.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logUnexpected } = await import('./lib/errors');
  const digest = (error as { digest?: string }).digest;
  logUnexpected(`${context.routeType} ${request.method} ${context.routePath}`, error, digest);
};
