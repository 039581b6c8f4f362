// Next calls register() once when a server process starts. NEXT_RUNTIME is a build-time
// constant set by Next itself (not configuration), which is why it is read here and not in lib/env.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startup } = await import('./lib/startup');
    await startup();
  }
}
