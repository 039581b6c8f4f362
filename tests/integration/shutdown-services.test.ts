// What the server's graceful shutdown calls once its requests are done (lib/startup.ts
// hands it over): stop the cache sync, then close the database for good.
// On PostgreSQL the LISTEN connection is checked out of the pool for good, and pool.end()
// waits for every checked-out client: without stopCacheSync a stopping server would hang.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCacheSync, stopCacheSync } from '@/lib/api/cache-sync';
import { closeDatabase, database, openDatabase } from '@/lib/data/db';
import { env } from '@/lib/env';
import { setSingleton } from '@/lib/singleton';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);

describe('stopping the database services', () => {
  afterEach(() => setSingleton('Db', undefined));

  it('closes the database even while the cache sync listens, and keeps it closed', async () => {
    const { engine, pool } = await database();
    await startCacheSync();
    if (engine === 'postgres') expect(pool!.totalCount - pool!.idleCount).toBe(1); // the LISTEN connection
    await stopCacheSync();
    await within(closeDatabase({ final: true }), 5_000);
    // A request still running after the drain gets an error; it does not reopen the database.
    await expect(database()).rejects.toThrow('The database is closed: the server is shutting down');
  });

  it.runIf(!env.DATABASE_URL)('releases the embedded database’s directory lock', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-stop-'));
    setSingleton('Db', openDatabase({ dir }));
    await database();
    expect(existsSync(path.join(dir, 'pglite.lock'))).toBe(true);
    await closeDatabase({ final: true });
    expect(existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
  });
});
