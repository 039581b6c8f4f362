// Every way the CLI can fail, each with its exit code (listed in `galley --help`).
export const EXIT = {
  ok: 0,
  failure: 1, // the server failed or could not be reached
  usage: 2, // bad arguments, or not logged in
  conflict: 3, // the draft moved on the server since the pull
  invalid: 4, // a prompt file is malformed or the server refused its content
  refused: 5, // the token may not do this, or the publish gate is closed
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: `message` is shown as is, `details` are extra lines (and JSON fields). */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly details: string[] = [],
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
