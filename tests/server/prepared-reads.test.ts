// The hot reads run as prepared statements (SQLite's read connection, PostgreSQL's named statements) and
// again through Kysely inside transactions: on either database both paths must answer the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount, findBillingPageRow, findHolderName } from '../../server/accounts/account.repository';
import { findLiveSession } from '../../server/auth/session.repository';
import { hasHotReads, preparedRead } from '../../server/db/connect';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Inside a transaction the repositories always take the Kysely path (the fast path is for reads outside one). */
const throughKysely = <T>(read: (db: TestApi['db']) => Promise<T>) => api.db.transaction().execute((trx) => read(trx as never));

describe(`hot reads on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('are really two paths: prepared outside a transaction, Kysely inside one', async () => {
    expect(hasHotReads(api.db)).toBe(true);
    expect(await throughKysely(async (db) => hasHotReads(db))).toBe(false);
    // SQLite's read connection; PostgreSQL has none (its statements live on the pooled connections).
    expect(preparedRead(api.db, 'select 1') !== undefined).toBe(!onPostgres);
  });

  it('find the same session, user and role as the Kysely query, for members and outsiders', async () => {
    const now = new Date();
    const roles = new Set<unknown>();
    for (const email of ['ada@acme.test', 'bob@acme.test', 'sam@support.test']) {
      const token = await tokenFor(api.db, email);
      for (const company of ['Acme Corp', 'Globex SARL']) {
        const account = await api.accountId(company);
        const fast = await findLiveSession(api.db, token, now, account);
        expect(fast).toBeDefined();
        expect(fast).toEqual(await throughKysely((db) => findLiveSession(db, token, now, account)));
        roles.add(fast!.role);
      }
      // Without an account (the signed_in and support policies): no role.
      expect((await findLiveSession(api.db, token, now))?.role).toBeNull();
    }
    expect(roles).toEqual(new Set(['holder', 'user', null]));
    expect(await findLiveSession(api.db, 'x'.repeat(43), now)).toBeUndefined();
  });

  it('find the same account, next billing date and holder name as the Kysely queries', async () => {
    for (const company of ['Acme Corp', "Bob's Bikes", 'Globex SARL']) {
      const id = await api.accountId(company);
      const fast = await findAccount(api.db, id);
      expect(fast?.next_billing_date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(fast).toEqual(await throughKysely((db) => findAccount(db, id)));
      const page = await findBillingPageRow(api.db, id);
      expect(page).toEqual({ ...fast, holder_name: await findHolderName(api.db, id) });
      expect(page?.holder_name).toEqual(expect.any(String));
      expect(page).toEqual(await throughKysely((db) => findBillingPageRow(db, id)));
    }
    expect(await findBillingPageRow(api.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
