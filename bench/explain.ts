// EXPLAIN QUERY PLAN for every hot query, captured as the app's own repository functions compile it.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ACCOUNT_SQL, BILLING_PAGE_SQL, findAccount } from '../server/accounts/account.repository';
import { LIVE_SESSION_SQL, findLiveSession, hashToken } from '../server/auth/session.repository';
import type { Database } from '../server/db/database';
import { decodeCursor } from '../server/invoices/cursor';
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
  const userId = (sqlite.prepare(`select id from users where email = ?`).get(fixture.email) as { id: string }).id;
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['session lookup (Kysely form, PostgreSQL)', () => findLiveSession(db, fixture.token, now)],
    ['session + membership lookup (Kysely form)', () => findLiveSession(db, fixture.token, now, fixture.acmeId)],

    ['membership lookup', () => findMembership(db, fixture.acmeId, userId)],
    ['account + next billing date (Kysely form)', () => findAccount(db, fixture.acmeId)],
    ['invoice page, no cursor', () => findInvoicesPage(db, fixture.historyAccountId, 20)],
    ['invoice page, with cursor', () => findInvoicesPage(db, fixture.historyAccountId, 20, decodeCursor(fixture.deepCursor))],
    ['latest paid invoice', () => findInvoicesPage(db, fixture.historyAccountId, 1, undefined, { status: 'paid' })],
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
    const walks = query.includes('with cursor') && !plan.some((d) => /issued_at\)?\s*[<=]|issued_at,id\)</.test(d));
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
