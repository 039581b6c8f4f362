// Recognises the database errors that callers turn into AppErrors.
export function isUniqueViolation(e: unknown, field?: string): boolean {
  const err = e as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (err?.code !== 'P2002') return false;
  if (!field) return true;
  const fields = err.meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(err.meta?.target) ? err.meta.target : []);
  return (fields as string[]).some((f) => f.replace(/"/g, '') === field) || JSON.stringify(err.meta ?? {}).includes(field);
}

/** The immutability trigger's SQLSTATE (see prisma/migrations/*_immutability). */
export function isImmutableViolation(e: unknown): boolean {
  return /GY001|immutable/.test(String((e as Error)?.message ?? e));
}
