// Prometheus metrics (prom-client), served at /metrics by the custom server. The registry is a
// globalThis singleton: the custom server (which measures every response) and Next's bundle
// (where saves and publishes happen) load separate copies of this module, and both must
// count into the one registry that /metrics renders.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { env } from './env';
import type { RouteLabel } from './server/request-labels';
import { statusClass } from './server/request-labels';
import { peekSingleton, singleton } from './singleton';

type HttpLabels = 'route' | 'status_class' | 'status';

interface Metrics {
  registry: Registry;
  http: Histogram<HttpLabels>;
  /** Children per route and status, so a response costs one lookup and one observe. */
  httpChildren: Map<RouteLabel, Map<number, { observe(seconds: number): void }>>;
  apiCacheHits: Counter;
  apiCacheMisses: Counter;
  draftSaves: Counter;
  releasesPublished: Counter;
  webhookOutcomes: Counter<'outcome'>;
}

/** The slice of the database handle (lib/data/db.ts) the pool gauges read, without importing it. */
interface PoolView {
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
}

function poolGauge(registry: Registry, name: string, help: string, read: (pool: NonNullable<PoolView['pool']>) => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const db = await peekSingleton<Promise<PoolView>>('Db')?.catch(() => undefined);
      if (db?.pool) this.set(read(db.pool));
    },
  });
}

function createMetrics(): Metrics {
  const registry = new Registry();
  // Process CPU and memory, GC, handles, and the event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  const engine = env.DATABASE_URL ? 'postgres' : 'pglite';
  new Gauge({
    name: 'galley_db_engine',
    help: 'The database engine in use (1 for the one in use)',
    labelNames: ['engine'],
    registers: [registry],
  })
    .labels(engine)
    .set(1);
  if (engine === 'postgres') {
    poolGauge(registry, 'galley_db_pool_total', 'PostgreSQL connections the pool holds', (p) => p.totalCount);
    poolGauge(registry, 'galley_db_pool_idle', 'PostgreSQL connections idle in the pool', (p) => p.idleCount);
    poolGauge(registry, 'galley_db_pool_waiting', 'Queries waiting for a PostgreSQL connection', (p) => p.waitingCount);
  }
  new Gauge({
    name: 'galley_webhook_deliveries_pending',
    help: 'Webhook deliveries waiting to be sent (first attempts and retries), in the shared database',
    registers: [registry],
    async collect() {
      const count = peekSingleton<() => Promise<number>>('WebhookPendingCount');
      if (count) this.set(await count().catch(() => 0));
    },
  });
  return {
    registry,
    webhookOutcomes: new Counter({
      name: 'galley_webhook_deliveries_total',
      help: 'Webhook attempts this instance finished, by outcome: delivered, retry (failed, tried again later), failed (gave up)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    http: new Histogram({
      name: 'galley_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route label and status (its _count counts requests); 499: the client went away first',
      labelNames: ['route', 'status_class', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpChildren: new Map(),
    apiCacheHits: counter('galley_api_cache_hits_total', 'Read API GETs answered from the in-process cache without the database'),
    apiCacheMisses: counter('galley_api_cache_misses_total', 'Read API GETs the cache could not answer (sent down the full path)'),
    draftSaves: counter('galley_draft_saves_total', 'Draft saves (autosave included) that appended a revision'),
    releasesPublished: counter('galley_releases_published_total', 'Releases published'),
  };
}

export function metrics(): Metrics {
  return singleton('Metrics', createMetrics);
}

/** One answered request. On the read API's warm path too, so it stays one lookup and one observe. */
export function observeHttp(route: RouteLabel, status: number, seconds: number): void {
  const m = metrics();
  let byStatus = m.httpChildren.get(route);
  if (!byStatus) m.httpChildren.set(route, (byStatus = new Map()));
  let child = byStatus.get(status);
  if (!child) byStatus.set(status, (child = m.http.labels(route, statusClass(status), String(status))));
  child.observe(seconds);
}

export const countApiCache = (hit: boolean) => (hit ? metrics().apiCacheHits : metrics().apiCacheMisses).inc();
export const countDraftSave = () => metrics().draftSaves.inc();
export const countPublish = () => metrics().releasesPublished.inc();
export const countWebhookOutcome = (outcome: 'delivered' | 'retry' | 'failed') => metrics().webhookOutcomes.labels(outcome).inc();

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
