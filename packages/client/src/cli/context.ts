// What a command gets: its parsed arguments, the output, the environment and a lazily created
// API client (no network work until a command asks for it).
import type { Api } from './api.js';
import type { Output } from './output.js';

export interface Args {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export interface Context {
  args: Args;
  out: Output;
  env: Env;
  /** The API with the saved or environment credentials; throws a usage error when there are none. */
  api: () => Api;
  userAgent: string;
}

export const stringOption = (args: Args, name: string): string | undefined => {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
};

export const dirOption = (args: Args, fallback = 'prompts') => stringOption(args, 'dir') ?? fallback;

/** The environment variables the CLI reads (GALLEY_URL, GALLEY_TOKEN, HOME, XDG_CONFIG_HOME, NO_COLOR, …). */
export type Env = Record<string, string | undefined>;
