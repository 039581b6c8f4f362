// Process-wide singletons (the database handle, the read API's cache, the invalidation bus,
// the rate limiter, running evaluations). They live on globalThis because the custom
// server and Next's bundle load separate copies of every module: module-level state would
// exist twice, and two database clients on one PGlite directory corrupt it.
// One object on globalThis holds them all: a lookup by a literal name is a property read (the
// warm read API does several per request), not a new string and a search of globalThis.
const shared = globalThis as unknown as { __galley?: Record<string, unknown> };
const store = (shared.__galley ??= Object.create(null) as Record<string, unknown>);

/** The value named `name`, created on first use. */
export function singleton<T>(name: string, create: () => T): T {
  if (store[name] === undefined) store[name] = create();
  return store[name] as T;
}

/** Replaces (or, with undefined, forgets) a singleton: closing the database, tests, scripts. */
export function setSingleton<T>(name: string, value: T | undefined): void {
  store[name] = value;
}

/** The current value, without creating it. */
export function peekSingleton<T>(name: string): T | undefined {
  return store[name] as T | undefined;
}
