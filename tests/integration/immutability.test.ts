// Raw SQL against the database itself: the triggers refuse to change history whatever the code does.
import { describe, expect, it } from 'vitest';
import { database, db } from '@/lib/data/db';
import { createPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { headRevisionId as headOf, newTenant } from './helpers';

async function publishedPrompt() {
  const ctx = await newTenant();
  const prompt = await createPrompt(ctx, { name: 'Immutable', slug: 'immutable', description: '', tags: [] });
  const headRevisionId = await headOf(prompt.id);
  const release = await publishRevision(ctx, { promptId: prompt.id, revisionId: headRevisionId, note: 'v1', draftPolicy: 'reset' });
  return { ctx, promptId: prompt.id, revisionId: headRevisionId, releaseId: release.id };
}

describe('immutability triggers', () => {
  it.each([
    ['Revision', `UPDATE "Revision" SET "contentHash" = 'x' WHERE id = $1`, 'revisionId'],
    ['Revision', `DELETE FROM "Revision" WHERE id = $1`, 'revisionId'],
    ['Release', `UPDATE "Release" SET note = 'edited' WHERE id = $1`, 'releaseId'],
    ['Release', `DELETE FROM "Release" WHERE id = $1`, 'releaseId'],
  ] as const)('refuses raw SQL on %s: %s', async (_table, sql, key) => {
    const fixture = await publishedPrompt();
    const { raw } = await database();
    await expect(raw.query(sql, [fixture[key]])).rejects.toThrow(/immutable/);
    const prisma = await db();
    const release = await prisma.release.findUniqueOrThrow({ where: { id: fixture.releaseId }, select: { note: true } });
    expect(release.note).toBe('v1');
  });

  it('refuses UPDATE and DELETE on audit events, and TRUNCATE on history', async () => {
    const { ctx } = await publishedPrompt();
    const { raw } = await database();
    const before = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "workspaceId" = $1`, [
      ctx.workspaceId,
    ]);
    expect(before[0]!.n).toBeGreaterThan(0);
    await expect(raw.query(`UPDATE "AuditEvent" SET action = 'x' WHERE "workspaceId" = $1`, [ctx.workspaceId])).rejects.toThrow(
      /immutable/,
    );
    await expect(raw.query(`DELETE FROM "AuditEvent" WHERE "workspaceId" = $1`, [ctx.workspaceId])).rejects.toThrow(/immutable/);
    await expect(raw.exec(`TRUNCATE "Release" CASCADE`)).rejects.toThrow(/immutable/);
    const after = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "workspaceId" = $1`, [ctx.workspaceId]);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses deleting a workspace with history unless the purge switch is set in that transaction', async () => {
    const { ctx } = await publishedPrompt();
    const { raw } = await database();
    await expect(raw.query(`DELETE FROM "Workspace" WHERE id = $1`, [ctx.workspaceId])).rejects.toThrow(/immutable/);
    const prisma = await db();
    expect(await prisma.workspace.count({ where: { id: ctx.workspaceId } })).toBe(1);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('galley.purge', 'on', true)`;
      await tx.$executeRaw`DELETE FROM "Workspace" WHERE id = ${ctx.workspaceId}`;
    });
    expect(await prisma.workspace.count({ where: { id: ctx.workspaceId } })).toBe(0);
    // The switch was local to that transaction.
    const other = await publishedPrompt();
    await expect(raw.query(`DELETE FROM "Release" WHERE id = $1`, [other.releaseId])).rejects.toThrow(/immutable/);
  });
});
