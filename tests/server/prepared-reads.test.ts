// The SQLite fast path repeats two Kysely queries as prepared SQL: both must answer the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../server/accounts/account.repository';
import { findLiveSession } from '../../server/auth/session.repository';
import { preparedRead } from '../../server/db/connect';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

/** Inside a transaction the repositories always take the Kysely path (the fast path is for reads outside one). */
const throughKysely = <T>(read: (db: TestApi['db']) => Promise<T>) => api.db.transaction().execute((trx) => read(trx as never));

describe.skipIf(Boolean(process.env.DATABASE_URL))('prepared reads on SQLite', () => {
  it('are really two paths: prepared outside a transaction, Kysely inside one', async () => {
    expect(preparedRead(api.db, 'select 1')).toBeDefined();
    expect(await throughKysely(async (db) => preparedRead(db, 'select 1'))).toBeUndefined();
  });

  it('find the same session, user and role as the Kysely query, for members and outsiders', async () => {
    const now = new Date();
    for (const email of ['ada@acme.test', 'bob@acme.test', 'sam@support.test']) {
      const token = await tokenFor(api.db, email);
      for (const company of ['Acme Corp', 'Globex SARL']) {
        const account = await api.accountId(company);
        const fast = await findLiveSession(api.db, token, now, account);
        expect(fast).toBeDefined();
        expect(fast).toEqual(await throughKysely((db) => findLiveSession(db, token, now, account)));
      }
    }
    expect(await findLiveSession(api.db, 'x'.repeat(43), now)).toBeUndefined();
  });

  it('find the same account and next billing date as the Kysely query', async () => {
    for (const company of ['Acme Corp', "Bob's Bikes", 'Globex SARL']) {
      const id = await api.accountId(company);
      const fast = await findAccount(api.db, id);
      expect(fast?.next_billing_date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(fast).toEqual(await throughKysely((db) => findAccount(db, id)));
    }
  });
});
