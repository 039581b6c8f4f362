// Two processes on one PGlite directory corrupt it; the lock makes the second one stop with a reason.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '@/lib/data/pglite-lock';

describe('embedded database lock', () => {
  it('refuses a directory held by a live process, naming it and what to do', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'galley-lock-')), 'pglite');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${dir}.lock`, String(holder.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${holder.pid}.*GALLEY_DATA_DIR`));
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that died, and releases it', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'galley-lock-')), 'pglite');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(`${dir}.lock`, String(dead.pid));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
