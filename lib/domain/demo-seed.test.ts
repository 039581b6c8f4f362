// Regression: the demo account (demo@galley.local / galley-demo, a public password) was
// created on first start whatever address the server listened on, so a server exposed on a
// network had an admin anyone could sign in as.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD, isLoopbackHost, planDemoSeed } from './demo-seed';

describe('demo seed plan', () => {
  it('seeds with the public password only on loopback addresses', () => {
    for (const hostname of [undefined, 'localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(planDemoSeed({ hostname, demoPassword: undefined }), String(hostname)).toEqual({
        seed: true,
        password: DEFAULT_DEMO_PASSWORD,
      });
    }
  });

  it('refuses the public password on any other address, and says how to proceed', () => {
    for (const hostname of ['0.0.0.0', '::', '10.0.0.5', 'galley.example.com']) {
      const plan = planDemoSeed({ hostname, demoPassword: DEFAULT_DEMO_PASSWORD });
      expect(plan.seed, hostname).toBe(false);
      expect(plan.seed === false && plan.reason).toMatch(/GALLEY_DEMO_PASSWORD/);
    }
  });

  it('seeds anywhere with a password the operator chose', () => {
    expect(planDemoSeed({ hostname: '0.0.0.0', demoPassword: 'a-long-chosen-secret' })).toEqual({
      seed: true,
      password: 'a-long-chosen-secret',
    });
  });

  it('knows loopback from look-alikes', () => {
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});
