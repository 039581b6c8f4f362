// Where the CLI finds the server and its token: GALLEY_URL / GALLEY_TOKEN first (CI), then what
// `galley login` saved in the user's config directory (never in the repository, so a token is
// not committed by accident), readable by the user only.
import type { Env } from './context.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Credentials } from './api.js';
import { CliError, EXIT } from './errors.js';

const configSchema = z.object({ url: z.url(), token: z.string().min(1) });

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'galley', 'config.json');
}

export function saveCredentials(env: Env, credentials: Credentials): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export function loadCredentials(env: Env): Credentials {
  let saved: Partial<Credentials> = {};
  const file = configPath(env);
  if (fs.existsSync(file)) {
    const parsed = configSchema.safeParse(readJson(file));
    if (!parsed.success) throw new CliError(EXIT.usage, `${file} is not a Galley CLI config; run galley login again`);
    saved = parsed.data;
  }
  const url = env.GALLEY_URL || saved.url;
  const token = env.GALLEY_TOKEN || saved.token;
  if (!url || !token) {
    throw new CliError(EXIT.usage, 'Not logged in: run `galley login --url URL --token gst_…`, or set GALLEY_URL and GALLEY_TOKEN');
  }
  return { url: checkUrl(url), token };
}

export function checkUrl(url: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) throw new CliError(EXIT.usage, `"${url}" is not an http(s) URL`);
  return url.replace(/\/+$/, '');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
