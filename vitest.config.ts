import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Integration tests run once per engine: the embedded PGlite always (in memory), and
// PostgreSQL when TEST_DATABASE_URL points at a server (.ci/run starts a throwaway one).
const postgresUrl = process.env.TEST_DATABASE_URL;

function integration(name: string, env: Record<string, string>): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: ['tests/integration/**/*.test.ts'],
      setupFiles: ['tests/integration/setup.ts'],
      globalSetup: ['tests/integration/global-setup.ts'],
      environment: 'node',
      env: { ...env, GALLEY_SEED: 'false', GALLEY_WEBHOOK_ALLOW_PRIVATE: 'true' },
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // PGlite is single-connection and CPU bound; two workers keep both cores busy.
      maxWorkers: 2,
    },
  };
}

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // The SDK from source, as tsconfig.json maps it.
      '@galley/client': fileURLToPath(new URL('./packages/client/src/index.ts', import.meta.url)),
      // 'server-only' guards Next bundles; in Node test processes it would only throw.
      'server-only': fileURLToPath(new URL('./tests/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'packages/**/*.test.ts'], environment: 'node' } },
      integration('integration-pglite', { GALLEY_DATA_DIR: 'memory://', DATABASE_URL: '' }),
      ...(postgresUrl ? [integration('integration-postgres', { DATABASE_URL: postgresUrl })] : []),
    ],
  },
});
