import 'server-only';
import type { Tx } from './audit';
import { db } from './db';

type Client = Tx | Awaited<ReturnType<typeof db>>;

/**
 * How people are named in lists (who created a key, who acted, who saved): each user's name, or
 * their email when they have none, by id. One query for any number of ids; missing ids (a user
 * since deleted) are simply absent, so each caller words its own fallback.
 */
export async function userNames(ids: (string | null | undefined)[], client?: Client): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await (client ?? (await db())).user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((u) => [u.id, u.name ?? u.email]));
}
