import { defineConfig } from 'prisma/config';

// Prisma's CLI reads this; the app itself connects through lib/data/db.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
});
