// How PostgreSQL values come back as JavaScript: bigint (int8) as an exact number, never a string.
import pg from 'pg';

const INT8_OID = 20;

/**
 * Parses an int8 text value to a number, throwing a RangeError when it is beyond 2^53 − 1 (where a
 * number would silently lose digits). Money and counts are bigint columns (issue 13 §3) whose input
 * limits keep them far below that, so SQLite (which returns numbers) and PostgreSQL answer alike.
 * `count(*)` is int8 as well and comes back as a number too.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`A bigint beyond 2^53 − 1 cannot be read exactly: ${text}`);
  return value;
}

/** The `types` option of a pg Pool: int8 through `parseInt8`, everything else as pg parses it. */
export const exactTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};
