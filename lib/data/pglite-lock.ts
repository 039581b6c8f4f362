// Two processes opening one PGlite directory corrupt it, and PGlite does not stop them.
// A lock file holding the owner's pid does: a live owner makes the second process exit
// with a clear message; a dead owner's lock is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dir: string): () => void {
  mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockPath, { force: true });
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (owner === process.pid) return () => rmSync(lockPath, { force: true });
      if (Number.isFinite(owner) && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database at ${dir} is already open in another Galley process (pid ${owner}). ` +
            'Stop that process, or point GALLEY_DATA_DIR at another directory, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      rmSync(lockPath, { force: true }); // the owner died without cleaning up
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database at ${dir}.`);
}
