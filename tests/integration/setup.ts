import { afterAll } from 'vitest';
import { closeDatabase } from '@/lib/data/db';

afterAll(async () => {
  await closeDatabase();
});
