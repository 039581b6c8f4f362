import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { hashSecret } from '@/lib/domain/secret-hash';
import { apiKeyPrefix, generateApiKey, type ApiKeyEnvironment } from '@/lib/domain/api-key';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { db } from './db';
import { emitInvalidation } from './invalidation';
import { userNames } from './user-names';

export interface ApiKeyDTO {
  id: string;
  name: string;
  prefix: string;
  environment: ApiKeyEnvironment;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey {
  id: string;
  /** The full key. It exists only in this response: the database keeps its sha256. */
  key: string;
  prefix: string;
}

/** How stale lastUsedAt may get: the read API writes it at most once a minute per key. */
export const TOUCH_INTERVAL_MS = 60_000;
const LIST_LIMIT = 500;

export async function createApiKey(ctx: WorkspaceContext, input: { name: string; environment: ApiKeyEnvironment }): Promise<CreatedApiKey> {
  assertCan(ctx, 'apikey.manage');
  const key = generateApiKey(input.environment, (n) => new Uint8Array(randomBytes(n)));
  const prefix = apiKeyPrefix(key);
  const prisma = await db();
  const created = await prisma.$transaction(async (tx) => {
    const env = await tx.environment.findUnique({
      where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.environment } },
      select: { id: true },
    });
    if (!env) throw new AppError('conflict', `This workspace has no ${input.environment} environment`);
    const row = await tx.apiKey.create({
      data: {
        workspaceId: ctx.workspaceId,
        environmentId: env.id,
        name: input.name,
        prefix,
        hash: hashSecret(key),
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'apikey.create',
      targetType: 'api_key',
      targetId: row.id,
      data: { name: input.name, environment: input.environment, prefix },
    });
    return row;
  });
  return { id: created.id, key, prefix };
}

/** The workspace's keys, newest first. Never the hash. */
export async function listApiKeys(ctx: WorkspaceContext): Promise<ApiKeyDTO[]> {
  assertCan(ctx, 'apikey.manage');
  const prisma = await db();
  const rows = await prisma.apiKey.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: { createdAt: 'desc' },
    take: LIST_LIMIT,
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      createdById: true,
      lastUsedAt: true,
      revokedAt: true,
      environment: { select: { name: true } },
    },
  });
  const who = await userNames(
    rows.map((r) => r.createdById),
    prisma,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    environment: r.environment.name,
    createdAt: r.createdAt,
    createdBy: who.get(r.createdById) ?? 'former member',
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/**
 * Revokes a key of the caller's workspace. Revoking twice changes nothing and audits once.
 * The read API drops its cached lookup of the key once this returns.
 */
export async function revokeApiKey(ctx: WorkspaceContext, id: string): Promise<{ revokedAt: Date }> {
  assertCan(ctx, 'apikey.manage');
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id, workspaceId: ctx.workspaceId },
      select: { id: true, name: true, prefix: true, hash: true, revokedAt: true },
    });
    if (!key) throw new AppError('not_found', 'API key not found');
    if (key.revokedAt) return { hash: key.hash, revokedAt: key.revokedAt };
    const revokedAt = new Date();
    // The WHERE on revokedAt makes a concurrent second revoke a no-op rather than a second audit event.
    const { count } = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt } });
    if (count === 1) {
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'apikey.revoke',
        targetType: 'api_key',
        targetId: key.id,
        data: { name: key.name, prefix: key.prefix },
      });
    }
    return { hash: key.hash, revokedAt };
  });
  emitInvalidation({ type: 'key', hash: result.hash });
  return { revokedAt: result.revokedAt };
}

/** For the read API, which authenticates by hash before any workspace is known. */
export async function findApiKeyByHash(
  hash: string,
): Promise<{ id: string; workspaceId: string; environment: ApiKeyEnvironment; revoked: boolean } | null> {
  const prisma = await db();
  const row = await prisma.apiKey.findUnique({
    where: { hash },
    select: { id: true, workspaceId: true, revokedAt: true, environment: { select: { name: true } } },
  });
  return row && { id: row.id, workspaceId: row.workspaceId, environment: row.environment.name, revoked: row.revokedAt !== null };
}

/**
 * Records use of a key: one UPDATE that only matches when lastUsedAt is unset or older than
 * a minute, so busy keys cost at most one write a minute. Returns whether it wrote.
 */
export async function touchApiKey(id: string, at: Date): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at.getTime() - TOUCH_INTERVAL_MS) } }] },
    data: { lastUsedAt: at },
  });
  return count > 0;
}
