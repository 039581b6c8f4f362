// Several app instances on one PostgreSQL stay coherent: local invalidations go out with
// NOTIFY, and every instance LISTENs and drops the entries named by the others.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { database } from '@/lib/data/db';
import { bus, emitInvalidation, type Invalidation } from '@/lib/data/invalidation';
import { apiCache } from './cache';

const CHANNEL = 'galley_invalidate';

function clearAll(): void {
  const cache = apiCache();
  cache.prompts.clear();
  cache.lists.clear();
  cache.keys.clear();
}

async function listen(pool: pg.Pool, instance: string): Promise<void> {
  const client = await pool.connect();
  client.on('notification', (msg) => {
    try {
      const { origin, event } = JSON.parse(msg.payload ?? '') as { origin: string; event: Invalidation };
      if (origin !== instance) emitInvalidation(event, 'remote');
    } catch {
      /* a malformed payload names nothing to drop */
    }
  });
  client.on('error', () => {
    // Events may have been missed while disconnected: forget everything, then listen again.
    client.release(true);
    clearAll();
    setTimeout(() => void listen(pool, instance).catch(() => {}), 1000);
  });
  await client.query(`LISTEN ${CHANNEL}`);
}

export async function startCacheSync(): Promise<void> {
  apiCache();
  const db = await database();
  if (db.engine !== 'postgres' || !db.pool) return;
  const pool = db.pool;
  const instance = randomUUID();
  await listen(pool, instance);
  bus().forward = (event) => {
    void pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ origin: instance, event })]).catch(() => {});
  };
}
