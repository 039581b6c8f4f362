// Every exported server action is built by one of the wrappers in lib/action.ts, and every
// workspace action declares a permission from lib/authz-rules.ts. A hand-written export in
// a 'use server' file would be a public endpoint with no parsing and no authorization.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionInfo } from '@/lib/action';
import { ACTIONS } from '@/lib/authz-rules';

const dir = path.join(process.cwd(), 'lib', 'actions');
const files = readdirSync(dir).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && /^['"]use server['"]/.test(readFileSync(path.join(dir, f), 'utf8')),
);

describe('server action registry', () => {
  it('finds the action files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s exports only wrapped actions with a declared permission', async (file) => {
    const mod = (await import(`@/lib/actions/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
    expect(Object.keys(mod).length).toBeGreaterThan(0);
    for (const [name, fn] of Object.entries(mod)) {
      const info = actionInfo(fn);
      expect(info, `${file}#${name} is not built with workspaceAction/action/publicAction`).toBeDefined();
      if (info!.kind === 'workspace') expect(ACTIONS, `${file}#${name} declares an unknown permission`).toContain(info!.permission);
    }
  });

  it('knows a function built without a wrapper', () => {
    expect(actionInfo(async () => null)).toBeUndefined();
  });
});
