// The demo with a fixed clock gives the same invoice and receipt numbers on SQLite and PostgreSQL (issue 13 §5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import type { Database } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { loadDemo } from '../../server/demo/demo.seed';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { demoPasswordHash } from '../helpers/demo';

/**
 * "The same data" includes the same ids: ids are random UUIDs, and a unique id is the last key of every
 * ordering, so each load gets the same sequence of UUIDs here. Randomness is an edge we do not own.
 */
let uuids = 0;
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const randomUUID = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`;
  return { ...actual, default: { ...actual, randomUUID }, randomUUID };
});

const NOW = new Date('2026-11-30T08:00:00Z');
const GOLDEN = path.resolve(__dirname, 'demo-numbers.golden.json');

type Numbers = Record<string, { invoice: string; receipt: string | null }>;

async function demoNumbers(db: Kysely<Database>): Promise<Numbers> {
  uuids = 0;
  await migrateToLatest(db);
  await loadDemo(db, NOW, { passwordHash: await demoPasswordHash() });
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select(['accounts.company_name', 'invoices.period_start', 'invoices.number', 'invoices.receipt_number'])
    .orderBy('invoices.number')
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.company_name} ${r.period_start.slice(0, 10)}`, { invoice: r.number, receipt: r.receipt_number }]));
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function sqliteNumbers(): Promise<Numbers> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-demo-numbers-'));
  const handle: DbHandle = connect({ dataDir });
  cleanups.push(async () => {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return demoNumbers(handle.db);
}

async function postgresNumbers(): Promise<Numbers> {
  const database: TestDatabase = await createTestDatabase();
  const handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  cleanups.push(async () => {
    await handle.close();
    await database.drop();
  });
  return demoNumbers(handle.db);
}

describe('the demo, loaded with a fixed clock', () => {
  it('numbers every invoice and receipt alike on SQLite and PostgreSQL (or as the committed list, without PostgreSQL)', async () => {
    const sqlite = await sqliteNumbers();
    expect(Object.keys(sqlite)).toHaveLength(39);
    expect(Object.values(sqlite).filter((n) => n.receipt).length).toBe(38);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, `${JSON.stringify(sqlite, null, 2)}\n`);
    expect(sqlite).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
    if (process.env.DATABASE_URL) expect(await postgresNumbers()).toEqual(sqlite);
  }, 60_000);
});
