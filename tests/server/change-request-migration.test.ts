// Migration 2026_11_30_0004 on a database that already holds several open cases per account (SQLite and PostgreSQL).
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import type { Database } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import * as initialSchema from '../../server/db/migrations/2026_11_26_0001_initial_schema';
import * as loginFailures from '../../server/db/migrations/2026_11_26_0002_login_failures';
import * as nextBillingIndex from '../../server/db/migrations/2026_11_30_0001_next_billing_index';
import * as changeRequests from '../../server/db/migrations/2026_11_30_0004_change_requests';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let handle: DbHandle;
let db: Kysely<Database>;

/** The migrations up to and including `last`, run as the real migrator would. */
async function migrateUpTo(last: string) {
  const all: Record<string, Migration> = {
    '2026_11_26_0001_initial_schema': initialSchema,
    '2026_11_26_0002_login_failures': loginFailures,
    '2026_11_30_0001_next_billing_index': nextBillingIndex,
    '2026_11_30_0004_change_requests': changeRequests,
  };
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = postgres ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all }, migrationTableSchema: schema });
  const { error } = await migrator.migrateTo(last);
  if (error) throw error;
}

beforeAll(async () => {
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  db = handle.db;
  await migrateUpTo('2026_11_30_0001_next_billing_index');
  // Rows as the schema of that day held them, written by hand: app code follows the latest schema.
  const at = '2026-11-01T00:00:00.000Z';
  const any = db as Kysely<any>;
  await any.insertInto('users').values({ id: 'u-chloe', email: 'chloe@globex.test', name: 'Chloé', password_hash: 'x', created_at: at }).execute();
  const address = (p: string) => ({ [`${p}_line1`]: '8 rue de Rivoli', [`${p}_line2`]: null, [`${p}_city`]: 'Paris', [`${p}_region`]: null, [`${p}_postal_code`]: '75004', [`${p}_country`]: 'FR' });
  await any
    .insertInto('accounts')
    .values({
      id: 'a-globex', company_name: 'Globex SARL', contact_first_name: 'Chloé', contact_last_name: 'Dubois', contact_email: 'chloe@globex.test',
      contact_phone: '+33142868200', ...address('contact'), billing_email: 'compta@globex.test', billing_phone: '+33142868201', billing_vat_id: null,
      ...address('billing'), payment_type: 'invoice', card_brand: null, card_last4: null, card_exp_month: null, card_exp_year: null,
      currency: 'EUR', created_at: at, updated_at: at,
    })
    .execute();
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

describe('2026_11_30_0004_change_requests', () => {
  it('keeps the oldest open case of an account open, closes the later duplicates as rejected and audited, then enforces one open case', async () => {
    const globex = { id: 'a-globex' };
    const chloe = { id: 'u-chloe' };
    const details = JSON.stringify({ address: { line1: '1 rue', city: 'Paris', country: 'FR' }, phone: '+33142868201', email: 'a@globex.test' });
    const oldCase = (n: number, status: string, createdAt: string) => ({
      id: `cr-${n}`, account_id: globex.id, case_number: `CR-2026-0000${n}`, status, created_by: chloe.id,
      contact_email: 'chloe@globex.test', current: details, requested: details, details: `case ${n}`, created_at: createdAt,
      expected_from: '2026-12-07', expected_by: '2026-12-09', resolved_at: null, resolved_by: null, reject_reason: null,
    });
    // Inserted out of order: the oldest by filing time is case 2.
    await (db as Kysely<any>)
      .insertInto('change_requests')
      .values([
        oldCase(1, 'open', '2026-11-20T10:00:00.000Z'),
        oldCase(2, 'open', '2026-11-18T10:00:00.000Z'),
        oldCase(3, 'completed', '2026-11-10T10:00:00.000Z'),
        oldCase(4, 'open', '2026-11-25T10:00:00.000Z'),
      ])
      .execute();

    await migrateToLatest(db);

    const cases = await db.selectFrom('change_requests').select(['id', 'status', 'reject_reason', 'account_at_filing']).orderBy('id').execute();
    expect(cases).toEqual([
      { id: 'cr-1', status: 'rejected', reject_reason: 'Duplicate of CR-2026-00002: an account has one open change request at a time.', account_at_filing: null },
      { id: 'cr-2', status: 'open', reject_reason: null, account_at_filing: null },
      { id: 'cr-3', status: 'completed', reject_reason: null, account_at_filing: null },
      { id: 'cr-4', status: 'rejected', reject_reason: 'Duplicate of CR-2026-00002: an account has one open change request at a time.', account_at_filing: null },
    ]);
    const audit = await db.selectFrom('audit_log').select(['target', 'actor_label']).where('action', '=', 'change_request.rejected').orderBy('target').execute();
    expect(audit).toEqual([
      { target: 'CR-2026-00001', actor_label: 'migration 2026_11_30_0004' },
      { target: 'CR-2026-00004', actor_label: 'migration 2026_11_30_0004' },
    ]);
    await expect(
      (db as Kysely<any>).insertInto('change_requests').values(oldCase(5, 'open', '2026-11-29T10:00:00.000Z')).execute(),
    ).rejects.toThrow();
  });

  it('goes back down: withdrawn cases read as rejected, and the column and indexes are gone', async () => {
    await db.updateTable('change_requests').set({ status: 'withdrawn' }).where('id', '=', 'cr-2').execute();
    await changeRequests.down(db as Kysely<any>);
    const row = await (db as Kysely<any>).selectFrom('change_requests').selectAll().where('id', '=', 'cr-2').executeTakeFirstOrThrow();
    expect(row.status).toBe('rejected');
    expect('account_at_filing' in row).toBe(false);
    await changeRequests.up(db as Kysely<any>);
  });
});
