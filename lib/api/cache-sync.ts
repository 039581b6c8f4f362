// Several app instances on one PostgreSQL stay coherent: local invalidations go out with
// NOTIFY, and every instance LISTENs and drops the entries named by the others.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { database } from '@/lib/data/db';
import { bus, emitInvalidation, type Invalidation } from '@/lib/data/invalidation';
import { singleton } from '@/lib/singleton';
import { apiCache } from './cache';

const CHANNEL = 'galley_invalidate';

/** The listening connection, kept so that shutdown can hand it back before the pool ends. */
interface SyncState {
  client?: pg.PoolClient;
  stopped: boolean;
}

const state = () => singleton<SyncState>('CacheSync', () => ({ stopped: false }));

function clearAll(): void {
  const cache = apiCache();
  cache.prompts.clear();
  cache.lists.clear();
  cache.keys.clear();
}

async function listen(pool: pg.Pool, instance: string): Promise<void> {
  if (state().stopped) return;
  const client = await pool.connect();
  state().client = client;
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
    // (After stopCacheSync the client is already handed back.)
    if (state().stopped) return;
    state().client = undefined;
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
  state().stopped = false;
  const instance = randomUUID();
  await listen(pool, instance);
  bus().forward = (event) => {
    void pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ origin: instance, event })]).catch(() => {});
  };
}

/** Stops listening and forwarding (shutdown): the pool cannot end while a client is checked out. */
export async function stopCacheSync(): Promise<void> {
  const sync = state();
  sync.stopped = true;
  bus().forward = undefined;
  const client = sync.client;
  sync.client = undefined;
  if (!client) return;
  await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
  client.release(true);
}
