// Fails when prisma/schema.prisma and prisma/migrations disagree (run `npm run db:migrate:create -- <name>`).
import { describe, expect, it } from 'vitest';
import { pendingSchemaSql } from '../../scripts/schema-engine';

describe('schema and migrations', () => {
  it('agree: replaying the migrations yields exactly schema.prisma', async () => {
    expect(await pendingSchemaSql()).toBe('');
  });
});
