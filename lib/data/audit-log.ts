import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import type { Prisma } from '@/lib/generated/prisma/client';
import { decodeCursor, encodeCursor } from '@/lib/domain/cursor';
import { db } from './db';
import { userNames } from './user-names';

const PAGE = 50;

export interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  data: unknown;
  createdAt: Date;
  actor: string | null;
}

/** The workspace's audit log, newest first, filterable by action prefix ("release", "member.role_change"). */
export async function listAuditEvents(ctx: WorkspaceContext, opts: { action?: string; cursor?: string }) {
  const prisma = await db();
  const after = decodeCursor(opts.cursor);
  const where: Prisma.AuditEventWhereInput = {
    workspaceId: ctx.workspaceId,
    ...(opts.action && { action: { startsWith: opts.action } }),
    ...(after && { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }),
  };
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: PAGE + 1,
    select: { id: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actorId: true },
  });
  const page = rows.slice(0, PAGE);
  const who = await userNames(
    page.map((r) => r.actorId),
    prisma,
  );
  const last = page.at(-1);
  return {
    items: page.map(({ actorId, ...r }) => ({ ...r, actor: actorId ? (who.get(actorId) ?? 'unknown') : null })) as AuditRow[],
    nextCursor: rows.length > PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
