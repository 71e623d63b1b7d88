// Migration 2026_11_30_0009 gives existing accounts their holder's language as invoice language, and no extra recipients (SQLite and PostgreSQL).
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import type { Database } from '../../server/db/database';
import { migrateTo, migrateToLatest } from '../../server/db/migrate';
import { invoiceLanguageOf } from '../../server/invoices/invoice-language';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let handle: DbHandle;
let db: Kysely<Database>;

const at = '2026-11-01T00:00:00.000Z';
const account = (id: string) => {
  const address = (p: string) => ({ [`${p}_line1`]: '1 St', [`${p}_line2`]: null, [`${p}_city`]: 'Paris', [`${p}_region`]: null, [`${p}_postal_code`]: '75004', [`${p}_country`]: 'FR' });
  return {
    id, company_name: id, contact_first_name: 'A', contact_last_name: 'B', contact_email: `${id}@x.test`, contact_phone: '+33142868200',
    ...address('contact'), billing_email: `billing@${id}.test`, billing_phone: '+33142868201', billing_vat_id: null, ...address('billing'),
    payment_type: 'invoice', card_brand: null, card_last4: null, card_exp_month: null, card_exp_year: null, currency: 'EUR',
    created_at: at, updated_at: at,
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  db = handle.db;
  await migrateTo(db, '2026_11_30_0008_c_collation');
  // Rows as the schema of that day held them, written by hand: app code follows the latest schema.
  const any = db as Kysely<any>;
  for (const [id, locale] of [['u-fr', 'fr'], ['u-en', 'en']]) {
    await any.insertInto('users').values({ id, email: `${id}@x.test`, email_key: `${id}@x.test`, name: id, locale, password_hash: 'x', created_at: at }).execute();
  }
  await any.insertInto('accounts').values([account('a-fr'), account('a-en'), account('a-none')]).execute();
  await any
    .insertInto('memberships')
    .values([
      { account_id: 'a-fr', user_id: 'u-fr', role: 'holder', created_at: at },
      { account_id: 'a-fr', user_id: 'u-en', role: 'user', created_at: at },
      { account_id: 'a-en', user_id: 'u-en', role: 'holder', created_at: at },
    ])
    .execute();
  await migrateToLatest(db);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

describe('2026_11_30_0009_invoice_delivery', () => {
  it("sets each account's invoice language to its holder's language, not a member's, and gives no extra recipients", async () => {
    const rows = await db.selectFrom('accounts').select(['id', 'invoice_language', 'invoice_recipients']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a-en', invoice_language: 'en', invoice_recipients: '[]' },
      { id: 'a-fr', invoice_language: 'fr', invoice_recipients: '[]' },
      { id: 'a-none', invoice_language: null, invoice_recipients: '[]' },
    ]);
  });

  it('invoiceLanguageOf: the set language wins over the holder, an unset one follows the holder, no holder means English', async () => {
    await db.updateTable('accounts').set({ invoice_language: 'en' }).where('id', '=', 'a-fr').execute();
    expect(await invoiceLanguageOf(db, 'a-fr')).toBe('en');
    await db.updateTable('accounts').set({ invoice_language: null }).where('id', '=', 'a-fr').execute();
    expect(await invoiceLanguageOf(db, 'a-fr')).toBe('fr');
    expect(await invoiceLanguageOf(db, 'a-none')).toBe('en');
  });

  it('refuses a language other than en or fr in the database itself', async () => {
    await expect(db.updateTable('accounts').set({ invoice_language: 'de' as 'en' }).where('id', '=', 'a-en').execute()).rejects.toThrow();
  });
});
