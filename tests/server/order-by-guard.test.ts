// Guard: every ORDER BY in server/ ends on a unique key, so numbering, paging and output agree on every database (issue 13 §5).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(__dirname, '../../server');

/** Columns that are unique in their table (primary keys and unique constraints of the migrations). */
const UNIQUE_COLUMNS = new Set(['id', 'number', 'receipt_number', 'case_number', 'message_id', 'token_hash']);

/** Orderings whose last key is not unique, with the reason that is harmless. Keyed by file:key. */
const ALLOWED: Record<string, string> = {
  'server/auth/login-throttle.ts:at':
    'selects only `at` to find the oldest failure that still counts: rows that tie are indistinguishable, so their order cannot show',
  'server/invoices/invoice-year.repository.ts:currency': 'the yearly totals are grouped by currency: one row per code, so the code is unique in the result',
};

export interface Ordering {
  file: string;
  line: number;
  /** The last key as written ("invoices.issued_at", or the source of a non-literal argument). */
  lastKey: string;
}

/** Every Kysely `.orderBy(…)` chain and every `order by` in SQL text of `source`, with its last key. */
export function orderingsIn(file: string, source: string): Ordering[] {
  const found: Ordering[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  for (const chain of source.matchAll(/(?:\.orderBy\((?:[^()]|\([^()]*\))*\)\s*)+/g)) {
    const calls = [...chain[0].matchAll(/\.orderBy\(((?:[^()]|\([^()]*\))*)\)/g)];
    const args = calls[calls.length - 1][1].trim();
    const literal = /^['"`]([\w.]+)['"`]/.exec(args);
    found.push({ file, line: lineOf(chain.index!), lastKey: literal ? literal[1] : args });
  }
  for (const m of source.matchAll(/\border\s+by\s+([^;`'")]+?)(?:\s+limit\b|\s+offset\b|\s+for\b|[;`'")]|$)/gim)) {
    const before = source.slice(source.lastIndexOf('\n', m.index) + 1, m.index);
    if (/^\s*(\/\/|\*|\/\*)/.test(before)) continue; // prose in a comment
    const keys = m[1].split(',').map((k) => k.trim().replace(/\s+(asc|desc)(\s+nulls\s+(first|last))?$/i, '').replace(/\s+collate\s+\S+$/i, ''));
    found.push({ file, line: lineOf(m.index!), lastKey: keys[keys.length - 1] });
  }
  return found;
}

export function isTotal(o: Ordering): boolean {
  const column = o.lastKey.split('.').pop()!.replace(/"/g, '');
  return UNIQUE_COLUMNS.has(column) || `${o.file}:${o.lastKey}` in ALLOWED;
}

function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : serverFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('every ordering in server/ is total', () => {
  const orderings = serverFiles(SERVER).flatMap((f) =>
    orderingsIn(path.relative(path.resolve(__dirname, '../..'), f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')),
  );

  it('finds the orderings (the scan is not blind)', () => {
    expect(orderings.length).toBeGreaterThan(10);
    expect(orderings.some((o) => o.file === 'server/billing/billing-run.ts')).toBe(true);
  });

  it('ends each one on a unique key (or an allowed exception with its reason)', () => {
    expect(orderings.filter((o) => !isTotal(o)).map((o) => `${o.file}:${o.line} ends on ${o.lastKey}`)).toEqual([]);
  });

  it('has no stale exception', () => {
    const used = new Set(orderings.map((o) => `${o.file}:${o.lastKey}`));
    expect(Object.keys(ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });

  it('would catch the next one: a chain or SQL ending on a non-unique key', () => {
    const sample = `db.selectFrom('invoices').orderBy('invoices.issued_at')\n  .execute();
      db.selectFrom('x').orderBy('at', 'desc').orderBy('id', 'desc');
      db.selectFrom('x').orderBy(sql\`lower(name)\`);
      const q = \`select * from invoices order by issued_at desc limit 10\`;
      const r = 'select id from t ORDER BY created_at, id';`;
    expect(orderingsIn('sample.ts', sample).map((o) => [o.lastKey, isTotal(o)])).toEqual([
      ['invoices.issued_at', false],
      ['id', true],
      ['sql`lower(name)`', false],
      ['issued_at', false],
      ['id', true],
    ]);
  });
});
