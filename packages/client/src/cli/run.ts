// The CLI's entry: parse the command line (node:util parseArgs, strict), run the command, map
// failures to exit codes. Importing this module does nothing; `runCli` does the work.
import type { Env } from './context.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError, createApi, exitCodeFor } from './api.js';
import { commandDiff } from './commands/diff.js';
import { commandExport, commandImport } from './commands/transfer.js';
import { commandLogin } from './commands/login.js';
import { commandPublish } from './commands/publish.js';
import { commandPull } from './commands/pull.js';
import { commandPush } from './commands/push.js';
import { commandStatus } from './commands/status.js';
import { loadCredentials } from './config.js';
import type { Context } from './context.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import { EXIT_CODES_HELP, HELP } from './help.js';
import { createOutput } from './output.js';

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
const DIR: Options = { dir: { type: 'string' } };

const COMMANDS: Record<string, { options: Options; positionals: [min: number, max: number]; run: (ctx: Context) => Promise<unknown> }> = {
  login: { options: { url: { type: 'string' }, token: { type: 'string' } }, positionals: [0, 0], run: commandLogin },
  pull: { options: { ...DIR, force: { type: 'boolean' } }, positionals: [0, Infinity], run: commandPull },
  status: { options: DIR, positionals: [0, 0], run: commandStatus },
  diff: { options: { ...DIR, against: { type: 'string' } }, positionals: [0, Infinity], run: commandDiff },
  push: { options: { ...DIR, force: { type: 'boolean' }, message: { type: 'string' } }, positionals: [0, Infinity], run: commandPush },
  publish: { options: { note: { type: 'string' }, revision: { type: 'string' } }, positionals: [1, 1], run: commandPublish },
  export: { options: DIR, positionals: [0, 0], run: commandExport },
  import: { options: DIR, positionals: [0, 0], run: commandImport },
};

export async function runCli(argv: string[], env: Env, version: string): Promise<ExitCode> {
  const [name, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  const out = createOutput(wantsJson, env);
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(`${HELP.galley}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) throw new CliError(EXIT.usage, `Unknown command "${name}". Run \`galley --help\` for the list.`);
    const args = parse(name, rest, command.options);
    if (args.values.help) {
      process.stdout.write(`${HELP[name]}\n${EXIT_CODES_HELP}\n`);
      return EXIT.ok;
    }
    const [min, max] = command.positionals;
    if (args.positionals.length < min || args.positionals.length > max) {
      throw new CliError(
        EXIT.usage,
        `galley ${name}: ${min === max ? `takes ${min === 0 ? 'no' : min} argument${min === 1 ? '' : 's'}` : 'wrong arguments'}. Run \`galley ${name} --help\`.`,
      );
    }
    const userAgent = `galley-cli/${version}`;
    const result = await command.run({ args, out, env, userAgent, api: () => createApi(loadCredentials(env), userAgent) });
    if (out.json) process.stdout.write(`${JSON.stringify({ ok: true, ...(result as object) }, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    return fail(error, out);
  }
}

function parse(name: string, argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `galley ${name}: ${(error as Error).message}. Run \`galley ${name} --help\`.`);
  }
}

function fail(error: unknown, out: ReturnType<typeof createOutput>): ExitCode {
  let failure: CliError;
  if (error instanceof CliError) failure = error;
  else if (error instanceof ApiError) {
    const fields = Object.entries(error.body.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
    failure = new CliError(exitCodeFor(error), `The server refused (${error.status} ${error.body.code}): ${error.message}`, fields, {
      status: error.status,
      code: error.body.code,
    });
  } else {
    failure = new CliError(EXIT.failure, `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  if (out.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { message: failure.message, exitCode: failure.exitCode, details: failure.details, ...failure.data } }, null, 2)}\n`,
    );
  } else {
    out.warn(`galley: ${failure.message}`);
    for (const line of failure.details) out.warn(`  ${line}`);
  }
  return failure.exitCode;
}
