// The bench's PostgreSQL database: a schema of its own with the demo and one session, in a database only the bench uses.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../server/auth/password';
import { hashToken } from '../server/auth/session.repository';
import { connect } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { DEMO_PASSWORD, loadDemo } from '../server/demo/demo.seed';

/** Its own database, so that pg_stat_database counts the bench's statements and no one else's. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fastpath_bench';

export interface PgFixture {
  databaseUrl: string;
  searchPath: string;
  /** DATA_DIR for the API process (unused by PostgreSQL, required by the config). */
  dataDir: string;
  token: string;
  acmeId: string;
  drop(): Promise<void>;
}

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The demo in a fresh schema of BENCH_DATABASE_URL, or the reason it cannot be had (no server, no rights). */
export async function preparePgDatabase(now: Date): Promise<PgFixture | { skipped: string }> {
  try {
    await ensureDatabase(BENCH_DATABASE_URL);
  } catch (err) {
    return { skipped: `PostgreSQL at ${BENCH_DATABASE_URL}: ${(err as Error).message} (set BENCH_DATABASE_URL)` };
  }
  const searchPath = `fp_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${searchPath}`);
  await admin.end();
  const handle = connect({ dataDir: '', databaseUrl: BENCH_DATABASE_URL, searchPath });
  await migrateToLatest(handle.db);
  await loadDemo(handle.db, now, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  const ada = await handle.db.selectFrom('users').select('id').where('email', '=', 'ada@acme.test').executeTakeFirstOrThrow();
  const acme = await handle.db
    .selectFrom('memberships')
    .select('account_id')
    .where('user_id', '=', ada.id)
    .where('role', '=', 'holder')
    .orderBy('account_id')
    .executeTakeFirstOrThrow();
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await handle.db
    .insertInto('sessions')
    .values({
      id: randomUUID(),
      token_hash: hashToken(token),
      user_id: ada.id,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + 29 * 86_400_000).toISOString(),
      revoked_at: null,
    })
    .execute();
  await handle.close();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-bench-pg-'));
  return {
    databaseUrl: BENCH_DATABASE_URL,
    searchPath,
    dataDir,
    token,
    acmeId: acme.account_id,
    async drop() {
      const c = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists ${searchPath} cascade`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Transactions committed in the bench database so far (each statement outside a transaction is one). */
export async function committedTransactions(databaseUrl = BENCH_DATABASE_URL): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // The statistics are a snapshot per transaction and lag by up to stats_fetch_consistency; force a fresh read.
    await c.query('select pg_stat_clear_snapshot()');
    const { rows } = await c.query('select xact_commit::int8::text as n from pg_stat_database where datname = current_database()');
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}
