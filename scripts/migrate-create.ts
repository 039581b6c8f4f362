// Usage: npm run db:migrate:create -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that brings the
// migrations folder up to prisma/schema.prisma. Offline equivalent of `prisma migrate dev --create-only`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrationsDir, pendingSchemaSql } from './schema-engine';

const name = (process.argv[2] ?? 'change').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
const sql = await pendingSchemaSql();
if (!sql.trim()) {
  console.log('schema.prisma and prisma/migrations already agree; nothing to create.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'migration.sql'), sql);
await writeFile(path.join(migrationsDir, 'migration_lock.toml'), '# Do not edit by hand.\nprovider = "postgresql"\n');
console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
