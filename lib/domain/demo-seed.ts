// Whether the first start may create the demo account, and with which password. The demo
// password is public (it is in the README), so an account with it must never be reachable
// from a network: on anything but a loopback address, seeding needs a password the operator
// chose, or it does not happen.
export const DEFAULT_DEMO_PASSWORD = 'galley-demo';

export type DemoSeedPlan = { seed: true; password: string } | { seed: false; reason: string };

/** True for the addresses only this machine can reach (and for no hostname at all: Galley's default is localhost). */
export function isLoopbackHost(hostname: string | undefined): boolean {
  if (!hostname) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export function planDemoSeed({ hostname, demoPassword }: { hostname: string | undefined; demoPassword: string | undefined }): DemoSeedPlan {
  if (demoPassword && demoPassword !== DEFAULT_DEMO_PASSWORD) return { seed: true, password: demoPassword };
  if (isLoopbackHost(hostname)) return { seed: true, password: DEFAULT_DEMO_PASSWORD };
  return {
    seed: false,
    reason:
      `Galley listens on ${hostname}, beyond this machine, so the demo account was not created with its public password. ` +
      'Set GALLEY_DEMO_PASSWORD to a password of your own to create it, or GALLEY_SEED=false to silence this.',
  };
}
