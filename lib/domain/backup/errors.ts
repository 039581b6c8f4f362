/**
 * A backup or restore that cannot go on, with a message for the person running it: what is
 * wrong and what to do. Never a stack trace; the CLI prints `message` and exits 1.
 */
export class BackupError extends Error {
  override name = 'BackupError';
}
