// Recognises a unique-constraint violation from either database, so a service can answer it as a 409.

/**
 * True when `err` is a unique violation of `index` (PostgreSQL names the index in `constraint`,
 * SQLSTATE 23505) or of `columns` (SQLite names the columns: "UNIQUE constraint failed: t.a").
 */
export function isUniqueViolation(err: unknown, target: { index: string; columns: string }): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === target.index;
  return (
    typeof e.code === 'string' &&
    e.code.startsWith('SQLITE_CONSTRAINT') &&
    typeof e.message === 'string' &&
    e.message.includes(`UNIQUE constraint failed: ${target.columns}`)
  );
}
