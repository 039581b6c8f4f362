import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { hashSecret } from '@/lib/domain/secret-hash';
import { generateServiceToken, serviceTokenPrefix, serviceUserName, type ServiceTokenRole } from '@/lib/domain/service-token';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { db } from './db';
import { userNames } from './user-names';

export interface ServiceTokenDTO {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedServiceToken {
  id: string;
  /** The full token. It exists only in this response: the database keeps its sha256. */
  token: string;
  prefix: string;
}

/** What the write API needs to act as a token: its service user and workspace, and whether it still works. */
export interface ServiceTokenIdentity {
  id: string;
  name: string;
  role: Role;
  userId: string;
  workspaceSlug: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** How stale lastUsedAt may get: the write API records use at most once a minute per token. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;
const LIST_LIMIT = 500;

/**
 * Creates the token and the service member it acts as: a user that has no password (so it
 * cannot sign in) with a membership of `role`, so every rule keyed on a member applies to it.
 */
export async function createServiceToken(
  ctx: WorkspaceContext,
  input: { name: string; role: ServiceTokenRole; expiresAt: Date | null },
): Promise<CreatedServiceToken> {
  assertCan(ctx, 'servicetoken.manage');
  if ((input.role as Role) === 'admin')
    throw new AppError('invalid', 'A service token cannot be an admin', { fieldErrors: { role: ['Pick a role below admin'] } });
  const token = generateServiceToken((n) => new Uint8Array(randomBytes(n)));
  const prefix = serviceTokenPrefix(token);
  const prisma = await db();
  const created = await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        // A reserved domain (RFC 2606): no one can receive mail there or sign up as it by accident.
        email: `token-${randomBytes(12).toString('hex')}@service.galley.invalid`,
        name: serviceUserName(input.name),
        isService: true,
      },
      select: { id: true },
    });
    await tx.membership.create({ data: { workspaceId: ctx.workspaceId, userId: user.id, role: input.role } });
    const row = await tx.serviceToken.create({
      data: {
        workspaceId: ctx.workspaceId,
        userId: user.id,
        name: input.name,
        role: input.role,
        prefix,
        hash: hashSecret(token),
        createdById: ctx.userId,
        expiresAt: input.expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'servicetoken.create',
      targetType: 'service_token',
      targetId: row.id,
      data: { name: input.name, role: input.role, prefix, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { id: created.id, token, prefix };
}

/** The workspace's service tokens, newest first. Never the hash. */
export async function listServiceTokens(ctx: WorkspaceContext): Promise<ServiceTokenDTO[]> {
  assertCan(ctx, 'servicetoken.manage');
  const prisma = await db();
  const rows = await prisma.serviceToken.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: { createdAt: 'desc' },
    take: LIST_LIMIT,
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      createdAt: true,
      createdById: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const who = await userNames(
    rows.map((r) => r.createdById),
    prisma,
  );
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: who.get(createdById) ?? 'former member' }));
}

/**
 * Revokes a token of the caller's workspace and removes its service membership, so it holds
 * no role anywhere. Its user stays, so the audit log and revisions keep naming it. Revoking
 * twice changes nothing and audits once.
 */
export async function revokeServiceToken(ctx: WorkspaceContext, id: string): Promise<{ revokedAt: Date }> {
  assertCan(ctx, 'servicetoken.manage');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const token = await tx.serviceToken.findFirst({
      where: { id, workspaceId: ctx.workspaceId },
      select: { id: true, name: true, prefix: true, userId: true, revokedAt: true },
    });
    if (!token) throw new AppError('not_found', 'Service token not found');
    if (token.revokedAt) return { revokedAt: token.revokedAt };
    const revokedAt = new Date();
    // The WHERE on revokedAt makes a concurrent second revoke a no-op rather than a second audit event.
    const { count } = await tx.serviceToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt } });
    if (count === 1) {
      await tx.membership.deleteMany({ where: { workspaceId: ctx.workspaceId, userId: token.userId } });
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'servicetoken.revoke',
        targetType: 'service_token',
        targetId: token.id,
        data: { name: token.name, prefix: token.prefix },
      });
    }
    return { revokedAt };
  });
}

/** For the write API, which authenticates by hash before any workspace is known. */
export async function findServiceTokenByHash(hash: string): Promise<ServiceTokenIdentity | null> {
  const prisma = await db();
  const row = await prisma.serviceToken.findUnique({
    where: { hash },
    select: {
      id: true,
      name: true,
      role: true,
      userId: true,
      expiresAt: true,
      revokedAt: true,
      workspace: { select: { slug: true } },
    },
  });
  return (
    row && {
      id: row.id,
      name: row.name,
      role: row.role,
      userId: row.userId,
      workspaceSlug: row.workspace.slug,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
    }
  );
}

/** Records use of a token: one UPDATE that only matches when lastUsedAt is unset or a minute old. */
export async function touchServiceToken(id: string, at: Date): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.serviceToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at.getTime() - TOKEN_TOUCH_INTERVAL_MS) } }] },
    data: { lastUsedAt: at },
  });
  return count > 0;
}
