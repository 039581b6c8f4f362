// Runs the built `galley` binary (node_modules/.bin/galley, as `npx galley` would) in a
// directory, with a home of its own so that `galley login` writes nowhere else.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const GALLEY_BIN = path.join(process.cwd(), 'node_modules', '.bin', 'galley');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

export function runIn(cwd: string, home: string) {
  return (args: string[], env: Record<string, string> = {}): Run => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(GALLEY_|NO_COLOR|FORCE_COLOR|XDG_CONFIG_HOME)/.test(k)),
    );
    const res = spawnSync(GALLEY_BIN, args, {
      cwd,
      encoding: 'utf8',
      env: { ...clean, HOME: home, ...env } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return {
      code: res.status,
      stdout: res.stdout,
      stderr: res.stderr,
      json: () => JSON.parse(res.stdout) as Record<string, unknown>,
    };
  };
}

export function git(cwd: string, args: string[]): string {
  const res = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
}
