// The `galley` executable (bundled to dist/cli/galley.mjs).
import { runCli } from './run.js';

declare const GALLEY_VERSION: string;

runCli(process.argv.slice(2), process.env, typeof GALLEY_VERSION === 'string' ? GALLEY_VERSION : '0.0.0-dev').then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`galley: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
