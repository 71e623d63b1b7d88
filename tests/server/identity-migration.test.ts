// Migrations 2026_11_30_0002_email_keys (backfills users.email_key) and 0013_idn_email_keys (IDN domains by A-label): each stops with a list when existing people clash.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import { migrateTo, migrateToLatest } from '../../server/db/migrate';
import { emailKey, identityKey } from '../../shared/identity-key';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let handle: DbHandle;
beforeEach(async () => {
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  await migrateTo(handle.db, '2026_11_30_0001_next_billing_index');
});
afterEach(async () => {
  await handle.close();
  await database.drop();
});

/** A person as the schema before the key had them (no email_key column yet). */
async function insertOldPerson(email: string, key?: { email_key: string }): Promise<string> {
  const id = randomUUID();
  const db = handle.db as any;
  await db.insertInto('users').values({ id, email, ...key, name: email, locale: 'en', password_hash: 'x', is_support: 0, disabled_at: null, created_at: new Date().toISOString() }).execute();
  return id;
}

describe('the e-mail key migration', () => {
  it('gives every existing person their key, and then the key is unique', async () => {
    const emails = ['Ada@acme.test', 'STRAẞE@berlin.test', 'e\u0301lodie@acme.test', 'ıstanbul@x.test', 'istanbul@x.test'];
    for (const email of emails) await insertOldPerson(email);
    await migrateToLatest(handle.db);
    const rows = await handle.db.selectFrom('users').select(['email', 'email_key']).execute();
    expect(new Map(rows.map((r) => [r.email, r.email_key]))).toEqual(new Map(emails.map((e) => [e, identityKey(e)])));
    await expect(insertOldPerson('ADA@ACME.TEST')).rejects.toThrow();
  });

  it('stops with every clash listed when two existing people share a key, changing nothing, and runs once they are settled', async () => {
    // Each pair got past the old lower(email) index on both databases: NFC/NFD, and ß/SS.
    const elodie = [await insertOldPerson('élodie@acme.test'), await insertOldPerson('E\u0301LODIE@acme.test')];
    const strasse = [await insertOldPerson('straße@berlin.test'), await insertOldPerson('STRASSE@berlin.test')];
    await insertOldPerson('alone@acme.test');
    const failure = await migrateToLatest(handle.db).then(() => undefined, (err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('2 group(s) of people share one address');
    for (const id of [...elodie, ...strasse]) expect(message).toContain(id);
    expect(message).not.toContain('alone@acme.test');
    expect(await handle.db.selectFrom('users').select('id').execute()).toHaveLength(5);

    await handle.db.deleteFrom('users').where('id', 'in', [elodie[1], strasse[1]]).execute();
    expect((await migrateToLatest(handle.db))[0]).toBe('2026_11_30_0002_email_keys');
    const keys = (await handle.db.selectFrom('users').select('email_key').execute()).map((k) => k.email_key);
    expect(keys.sort()).toEqual(['alone@acme.test', 'strasse@berlin.test', '\u00e9lodie@acme.test']);
  });

  it('can be undone: down restores the lower(email) index', async () => {
    await insertOldPerson('Ada@acme.test');
    await migrateToLatest(handle.db);
    await migrateTo(handle.db, '2026_11_30_0001_next_billing_index');
    await expect(insertOldPerson('ADA@acme.test')).rejects.toThrow();
    await insertOldPerson('bob@acme.test');
  });
});

describe('the IDN e-mail key migration (0013)', () => {
  const BEFORE = '2026_11_30_0011_proposals';
  /** A person as 0002 keyed them: the whole address in canonical caseless form. */
  const insertKeyed = (email: string) => insertOldPerson(email, { email_key: identityKey(email) });

  it('re-keys people whose domain is not ASCII by its A-label, leaves the rest, and then the key holds', async () => {
    await migrateTo(handle.db, BEFORE);
    const emails = ['Ada@acme.test', 'ada@bücher.test', 'Info@例え.テスト', 'post@STRAẞE.test', 'e\u0301lodie@acme.test'];
    for (const email of emails) await insertKeyed(email);
    await migrateToLatest(handle.db);
    const rows = await handle.db.selectFrom('users').select(['email', 'email_key']).execute();
    expect(new Map(rows.map((r) => [r.email, r.email_key]))).toEqual(new Map(emails.map((e) => [e, emailKey(e)])));
    expect(rows.find((r) => r.email === 'ada@bücher.test')?.email_key).toBe('ada@xn--bcher-kva.test');
    await expect(insertOldPerson('ADA@xn--bcher-kva.test', { email_key: emailKey('ADA@xn--bcher-kva.test') })).rejects.toThrow();
    // ß and ss domains are two DNS names (IDNA 2008): once re-keyed, post@strasse.test is another person.
    await insertOldPerson('post@strasse.test', { email_key: emailKey('post@strasse.test') });
  });

  it('stops with every clash listed when a Unicode and a punycode spelling are two people, changing nothing, and runs once settled', async () => {
    await migrateTo(handle.db, BEFORE);
    const pair = [await insertKeyed('a@bücher.test'), await insertKeyed('A@xn--bcher-kva.test')];
    await insertKeyed('alone@acme.test');
    const failure = await migrateToLatest(handle.db).then(() => undefined, (err: Error) => err);
    expect((failure as Error).message).toContain('1 group(s) of people share one mailbox');
    for (const id of pair) expect((failure as Error).message).toContain(id);
    expect((failure as Error).message).not.toContain('alone@acme.test');
    expect((await handle.db.selectFrom('users').select('email_key').where('id', '=', pair[0]).executeTakeFirstOrThrow()).email_key).toBe('a@bücher.test');

    await handle.db.deleteFrom('users').where('id', '=', pair[1]).execute();
    expect(await migrateToLatest(handle.db)).toContain('2026_11_30_0013_idn_email_keys');
    expect((await handle.db.selectFrom('users').select('email_key').where('id', '=', pair[0]).executeTakeFirstOrThrow()).email_key).toBe('a@xn--bcher-kva.test');
  });

  it('can be undone: down restores the 0002 keys', async () => {
    await migrateTo(handle.db, BEFORE);
    await insertKeyed('a@bücher.test');
    await migrateToLatest(handle.db);
    await migrateTo(handle.db, BEFORE);
    expect((await handle.db.selectFrom('users').select('email_key').executeTakeFirstOrThrow()).email_key).toBe('a@bücher.test');
  });
});
