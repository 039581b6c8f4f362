// What `npm run db:backup` and `db:restore` share: the database they act on (DATABASE_URL, or
// the embedded one under GALLEY_DATA_DIR) and how they fail: one sentence, no stack trace, exit 1.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../lib/data/db';
import { DataDirLockedError } from '../../lib/data/pglite-lock';
import { BackupError } from '../../lib/domain/backup/errors';
import { dataDir, env } from '../../lib/env';

export function fileArgument(command: string): string {
  const file = process.argv[2];
  if (!file || file.startsWith('-')) fail(`Usage: npm run ${command} -- FILE`);
  return path.resolve(file);
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export const where = () => (env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `the embedded database at ${dataDir()}`);

/** Opens (and migrates) the database; `mustExist` refuses to create an empty embedded one. */
export async function openForCli(command: 'db:backup' | 'db:restore', mustExist: boolean): Promise<Database> {
  if (!env.DATABASE_URL && mustExist && !existsSync(path.join(dataDir(), 'pglite'))) {
    fail(`There is no embedded database at ${dataDir()}. Set GALLEY_DATA_DIR to its directory, or DATABASE_URL for PostgreSQL.`);
  }
  try {
    return await openDatabase();
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      fail(
        `${e.message.split('. ')[0]}.\nThe embedded database can only be open in one process, so ${command} cannot run while Galley does.\n` +
          (command === 'db:backup'
            ? 'Either stop Galley and run it again, or let the running Galley write the backup: start it with GALLEY_BACKUP_DIR set ' +
              '(a backup on start and then every GALLEY_BACKUP_INTERVAL_HOURS), and send it SIGUSR2 (kill -USR2 <pid>) for one now.'
            : 'Stop Galley first; a restore goes into an empty database anyway.'),
      );
    }
    fail(`Cannot open ${where()}: ${(e as Error).message}`);
  }
}

/** Runs the command; a BackupError is the whole message, anything else one line with its cause. */
export async function runCli(what: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof BackupError) fail(e.message);
    fail(`${what} failed: ${(e as Error).message}`);
  }
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
