// Process-wide singletons (the database handle, the read API's cache, the invalidation bus,
// the rate limiter, running evaluations). They live on globalThis because the custom
// server and Next's bundle load separate copies of every module: module-level state would
// exist twice, and two database clients on one PGlite directory corrupt it.
const store = globalThis as unknown as Record<string, unknown>;
const slot = (name: string) => `__galley${name}`;

/** The value named `name`, created on first use. */
export function singleton<T>(name: string, create: () => T): T {
  const key = slot(name);
  if (store[key] === undefined) store[key] = create();
  return store[key] as T;
}

/** Replaces (or, with undefined, forgets) a singleton: closing the database, tests, scripts. */
export function setSingleton<T>(name: string, value: T | undefined): void {
  store[slot(name)] = value;
}

/** The current value, without creating it. */
export function peekSingleton<T>(name: string): T | undefined {
  return store[slot(name)] as T | undefined;
}
