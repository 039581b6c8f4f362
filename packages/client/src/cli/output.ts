// Human output on stdout, warnings and errors on stderr; with --json, one JSON document on
// stdout instead. Colour only on a terminal, never with NO_COLOR (FORCE_COLOR forces it).
import type { Env } from './context.js';
export interface Output {
  json: boolean;
  /** A line for people; dropped with --json. */
  line(text?: string): void;
  warn(text: string): void;
  colour: Colour;
}

export type Paint = (text: string) => string;
export interface Colour {
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  bold: Paint;
  dim: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export function wantsColour(isTTY: boolean | undefined, env: Env): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

export function createOutput(json: boolean, env: Env): Output {
  const on = !json && wantsColour(process.stdout.isTTY, env);
  const colour: Colour = on
    ? { red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39), cyan: ansi(36, 39), bold: ansi(1, 22), dim: ansi(2, 22) }
    : { red: plain, green: plain, yellow: plain, cyan: plain, bold: plain, dim: plain };
  return {
    json,
    colour,
    line: (text = '') => {
      if (!json) process.stdout.write(`${text}\n`);
    },
    warn: (text) => process.stderr.write(`${text}\n`),
  };
}
