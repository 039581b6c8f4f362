// Model providers of a workspace. The API key is stored encrypted and never leaves this
// module: DTOs say only whether one is set. Functions that touch the key take the
// encryption key as a parameter (lib/env.ts holds the secret; callers derive it).
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { fieldErrorsOf } from '@/lib/domain/eval/test-case';
import { AppError } from '@/lib/errors';
import { DecryptionError, decryptSecret, encryptSecret } from '@/lib/eval/crypto';
import type { RunProvider } from '@/lib/eval/runner';
import { providerSchema, type ProviderInput } from '@/lib/schemas/evaluation';
import { recordAudit } from './audit';
import { db } from './db';
import { isUniqueViolation } from './prisma-errors';

export interface ProviderDto {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  hasApiKey: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const rowSelect = { id: true, name: true, baseUrl: true, model: true, apiKeyEncrypted: true, createdAt: true, updatedAt: true } as const;

function toDto({ apiKeyEncrypted, ...row }: { apiKeyEncrypted: string | null } & Omit<ProviderDto, 'hasApiKey'>): ProviderDto {
  return { ...row, hasApiKey: apiKeyEncrypted !== null };
}

function parse(input: ProviderInput) {
  const parsed = providerSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'Invalid provider', { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

function nameTaken(name: string) {
  return new AppError('invalid', `A provider named "${name}" already exists in this workspace`, {
    fieldErrors: { name: [`"${name}" is already used by another provider`] },
  });
}

export async function listProviders(ctx: WorkspaceContext): Promise<ProviderDto[]> {
  assertCan(ctx, 'provider.manage');
  const prisma = await db();
  const rows = await prisma.modelProvider.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: { name: 'asc' },
    select: rowSelect,
  });
  return rows.map(toDto);
}

/** What an editor picks from when starting a run: no URL, no key. */
export async function listProviderChoices(ctx: WorkspaceContext): Promise<{ id: string; name: string; model: string }[]> {
  assertCan(ctx, 'evaluation.run');
  const prisma = await db();
  return prisma.modelProvider.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, model: true },
  });
}

export async function createProvider(ctx: WorkspaceContext, input: ProviderInput, encryptionKey: Buffer): Promise<ProviderDto> {
  assertCan(ctx, 'provider.manage');
  const data = parse(input);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.modelProvider.create({
        data: {
          workspaceId: ctx.workspaceId,
          name: data.name,
          baseUrl: data.baseUrl,
          model: data.model,
          apiKeyEncrypted: data.apiKey ? encryptSecret(data.apiKey, encryptionKey) : null,
        },
        select: rowSelect,
      });
      const dto = toDto(row);
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'provider.create',
        targetType: 'provider',
        targetId: row.id,
        data: { name: dto.name, baseUrl: dto.baseUrl, model: dto.model, hasApiKey: dto.hasApiKey },
      });
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(data.name);
    throw e;
  }
}

/** `apiKey`: undefined keeps the stored key, '' or null removes it, anything else replaces it. */
export async function updateProvider(
  ctx: WorkspaceContext,
  providerId: string,
  input: ProviderInput,
  encryptionKey: Buffer,
): Promise<ProviderDto> {
  assertCan(ctx, 'provider.manage');
  const data = parse(input);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const found = await tx.modelProvider.findFirst({ where: { id: providerId, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!found) throw new AppError('not_found', 'Model provider not found');
      const apiKeyEncrypted = data.apiKey === undefined ? undefined : data.apiKey ? encryptSecret(data.apiKey, encryptionKey) : null;
      const row = await tx.modelProvider.update({
        where: { id: found.id },
        data: { name: data.name, baseUrl: data.baseUrl, model: data.model, apiKeyEncrypted },
        select: rowSelect,
      });
      const dto = toDto(row);
      const keyChange = data.apiKey === undefined ? 'kept' : data.apiKey ? 'replaced' : 'removed';
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'provider.update',
        targetType: 'provider',
        targetId: row.id,
        data: { name: dto.name, baseUrl: dto.baseUrl, model: dto.model, apiKey: keyChange },
      });
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(data.name);
    throw e;
  }
}

/** Past runs keep their results; their provider link is cleared. */
export async function deleteProvider(ctx: WorkspaceContext, providerId: string): Promise<void> {
  assertCan(ctx, 'provider.manage');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const found = await tx.modelProvider.findFirst({
      where: { id: providerId, workspaceId: ctx.workspaceId },
      select: { id: true, name: true },
    });
    if (!found) throw new AppError('not_found', 'Model provider not found');
    await tx.modelProvider.delete({ where: { id: found.id } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'provider.delete',
      targetType: 'provider',
      targetId: found.id,
      data: { name: found.name },
    });
  });
}

/**
 * The provider with its key decrypted, for the runner only (never for a response).
 * A key sealed with another encryption key is a conflict the admin fixes by re-entering it.
 */
export async function loadRunProvider(
  ctx: WorkspaceContext,
  providerId: string,
  encryptionKey: Buffer,
): Promise<RunProvider & { id: string; name: string }> {
  assertCan(ctx, 'evaluation.run');
  const prisma = await db();
  const row = await prisma.modelProvider.findFirst({ where: { id: providerId, workspaceId: ctx.workspaceId }, select: rowSelect });
  if (!row) throw new AppError('not_found', 'Model provider not found');
  let apiKey: string | null = null;
  if (row.apiKeyEncrypted) {
    try {
      apiKey = decryptSecret(row.apiKeyEncrypted, encryptionKey);
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      throw new AppError(
        'conflict',
        `The API key of "${row.name}" cannot be decrypted with this server's encryption key; an admin must enter it again.`,
      );
    }
  }
  return { id: row.id, name: row.name, baseUrl: row.baseUrl, model: row.model, apiKey };
}
