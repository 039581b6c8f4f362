// Drives Prisma's WebAssembly schema engine against an in-memory PGlite, so that
// migrations can be created and checked with no engine binary download (see CONTRIBUTING.md, "Adding a migration").
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createRequire } from 'node:module';

export const root = path.resolve(import.meta.dirname, '..');
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');

export async function loadMigrationList(): Promise<MigrationList> {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lock = await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories,
  } as MigrationList;
}

// The package is built for bundlers (it imports the .wasm as a module), so instantiate it by hand.
let loaded: Promise<typeof SchemaEngine> | undefined;
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const pkg = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(pkg), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loaded;
}

export async function withSchemaEngine<T>(fn: (engine: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  const schema = await readFile(schemaPath, 'utf8');
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const logs: string[] = [];
  const engine = await (await loadSchemaEngine()).new({ datamodels: [[schemaPath, schema]] }, (log: string) => logs.push(log), adapter);
  try {
    return await fn(engine, schema);
  } finally {
    engine.free();
    await pglite.close();
  }
}

/** SQL that would bring the migrations folder up to schema.prisma; empty when they agree. */
export async function pendingSchemaSql(): Promise<string> {
  return withSchemaEngine(async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await loadMigrationList()) },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  });
}
