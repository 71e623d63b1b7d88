// EXPLAIN QUERY PLAN for every hot query, captured as the app's own repository functions compile it.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ACCOUNT_SQL, BILLING_PAGE_SQL, findAccount } from '../server/accounts/account.repository';
import { LIVE_SESSION_SQL, findLiveSession, hashToken } from '../server/auth/session.repository';
import type { Database } from '../server/db/database';
import { findActivityPage } from '../server/activity/activity.repository';
import { decodeCursor } from '../server/invoices/cursor';
import { invoicesOfYear, yearTotals } from '../server/invoices/invoice-year.repository';
import { findInvoicesPage } from '../server/invoices/invoice.repository';
import { findMembership } from '../server/users/user.repository';
import type { Fixture } from './fixture';

export interface PlanCheck {
  query: string;
  sql: string;
  plan: string[];
  usesIndex: boolean;
  /** Median time of the statement alone on this database (better-sqlite3, prepared), µs. */
  micros: number;
}

function timeStatement(statement: SQLite.Statement, parameters: readonly unknown[]): number {
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    statement.all(...parameters);
    runs.push((performance.now() - started) * 1000);
  }
  return runs.sort((a, b) => a - b)[100];
}

/** A full `SCAN t` (no index) of any table is what must not happen on a hot path. */
const fullScan = (detail: string) => /^SCAN (\w+)(?! USING)/.test(detail) && !/^SCAN CONSTANT ROW/.test(detail);

export async function explainHotQueries(fixture: Fixture): Promise<PlanCheck[]> {
  const sqlite = new SQLite(path.join(fixture.dataDir, 'fastpath.db'), { readonly: true });
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const now = new Date();
  // The year of the history account's newest invoices.
  const year = Number((sqlite.prepare(`select max(issued_at) as at from invoices where account_id = ?`).get(fixture.historyAccountId) as { at: string }).at.slice(0, 4));
  const userId = (sqlite.prepare(`select id from users where email = ?`).get(fixture.email) as { id: string }).id;
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['session lookup (Kysely form, PostgreSQL)', () => findLiveSession(db, fixture.token, now)],
    ['session + membership lookup (Kysely form)', () => findLiveSession(db, fixture.token, now, fixture.acmeId)],

    ['membership lookup', () => findMembership(db, fixture.acmeId, userId)],
    ['account + next billing date (Kysely form)', () => findAccount(db, fixture.acmeId)],
    ['invoice page, no cursor', () => findInvoicesPage(db, fixture.historyAccountId, 20)],
    ['invoice page, with cursor', () => findInvoicesPage(db, fixture.historyAccountId, 20, decodeCursor(fixture.deepCursor))],
    ['activity page 1 (100,000 entries)', () => findActivityPage(db, fixture.activityAccountId, 20)],
    ['activity page 4,000, with cursor', () => findActivityPage(db, fixture.activityAccountId, 20, decodeCursor(fixture.activityDeepCursor))],
    ['latest paid invoice', () => findInvoicesPage(db, fixture.historyAccountId, 1, undefined, { status: 'paid' })],
    ['invoice page of a year', () => findInvoicesPage(db, fixture.historyAccountId, 20, undefined, { year })],
    ['invoice page of a year, with cursor', () => findInvoicesPage(db, fixture.historyAccountId, 20, decodeCursor(fixture.deepCursor), { year, status: 'paid' })],
    ['invoice number search', () => findInvoicesPage(db, fixture.historyAccountId, 20, undefined, { number: '0001' })],
    ['invoice number, complete', () => findInvoicesPage(db, fixture.historyAccountId, 20, undefined, { number: 'FP-2026-000001' })],
    ['yearly totals', () => yearTotals(db, fixture.historyAccountId, year)],
    ['CSV / pack page of a year', async () => {
      const pages = invoicesOfYear(db, fixture.historyAccountId, year, { pageSize: 2 });
      await pages.next();
      await pages.return(undefined);
    }],
    ['CSV / pack pages of a year, with cursor', async () => {
      const pages = invoicesOfYear(db, fixture.historyAccountId, year, { status: 'paid', pageSize: 2 });
      for (let i = 0; i < 2; i++) await pages.next();
      captured.length = 0; // only the pages after the first carry a cursor
      for (let i = 0; i < 2; i++) await pages.next();
      await pages.return(undefined);
    }],
  ];
  // What SQLite runs on the hot path: the prepared statements of the read connection.
  const prepared: Array<[string, string, unknown[]]> = [
    ['session + membership lookup (prepared, SQLite)', LIVE_SESSION_SQL, [fixture.acmeId, hashToken(fixture.token), now.toISOString()]],
    ['account + next billing date (prepared, SQLite)', ACCOUNT_SQL, [fixture.acmeId]],
    ['billing page: account + holder name (prepared)', BILLING_PAGE_SQL, [fixture.acmeId]],
  ];
  const checks: PlanCheck[] = [];
  const check = (query: string, sql: string, parameters: readonly unknown[]) => {
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail);
    // A keyset page must start at its cursor in the index, not walk the account's history up to it.
    // (A bound on issued_at alone, such as a year's, does not count: the seek must start at the cursor.
    // Activity seeks on (at, id) the same way.)
    const walks =
      query.includes('with cursor') && !plan.some((d) => /\(issued_at,id\)[<>]/.test(d) || /\bat\)?\s*[<=]|\bat,id\)</.test(d));
    const micros = timeStatement(sqlite.prepare(sql), parameters);
    checks.push({ query, sql: sql.replace(/\s+/g, ' ').trim(), plan, usesIndex: !plan.some(fullScan) && !walks, micros });
  };
  for (const [name, sql, parameters] of prepared) check(name, sql, parameters);
  for (const [name, run] of queries) {
    captured.length = 0;
    await run();
    for (const { sql, parameters } of captured) check(name, sql, parameters);
  }
  await db.destroy();
  return checks;
}
