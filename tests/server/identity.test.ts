// One e-mail, one person (issue 13 §1): create, sign-in, set-password, /me and the throttle agree on every spelling, on both databases.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleKeys } from '../../server/auth/login-throttle';
import { adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';
import { DIFFERENT, SAME } from '../helpers/identity-spellings';

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
});
afterAll(() => api.close());

const PASSWORD = 'a long enough passphrase';
const signIn = (email: string, password = PASSWORD) => api.request('POST', '/sessions', { body: { email, password } });
const create = (email: string) => admin(['person', 'create', '--email', email, '--name', 'Someone', '--password-stdin', '--json'], `${PASSWORD}\n`);
const peopleNamed = async (key: string) => (await api.db.selectFrom('users').select('id').where('email_key', '=', key).execute()).length;

// NFC in upper case (SQLite's lower() folds only ASCII) and NFD (neither database's lower() normalises).
const ELODIE = 'ÉLODIE@acme.test';
const OTHER_SPELLINGS = ['élodie@acme.test', 'e\u0301lodie@acme.test', 'E\u0301LODIE@ACME.TEST'];

describe('the examples of the issue', () => {
  let id: string;
  beforeAll(async () => {
    const run = await create(ELODIE);
    expect(run.code).toBe(0);
    id = run.json.id;
  });

  it.each(OTHER_SPELLINGS)('refuses a second person with %j', async (spelling) => {
    const run = await create(spelling);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists');
    expect((await api.db.selectFrom('users').select('id').where('name', '=', 'Someone').execute()).map((u) => u.id)).toEqual([id]);
  });

  it.each([ELODIE, ...OTHER_SPELLINGS])('signs %j in as that one person, shown as they gave their address', async (spelling) => {
    const res = await signIn(spelling);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ id, email: ELODIE });
    const me = await api.request('GET', '/me', { token: res.body.token });
    expect(me.body.user).toMatchObject({ id, email: ELODIE });
  });

  it.each(OTHER_SPELLINGS)('person set-password %j resets that one person', async (spelling) => {
    const newPassword = `renewed ${randomUUID()}`;
    const run = await admin(['person', 'set-password', spelling, '--password-stdin', '--json'], `${newPassword}\n`);
    expect(run.code).toBe(0);
    expect(run.json.id).toBe(id);
    expect((await signIn(ELODIE, newPassword)).body.user?.id).toBe(id);
    await admin(['person', 'set-password', ELODIE, '--password-stdin'], `${PASSWORD}\n`);
  });

  it('is held by the database itself: a second row with the same key is refused', async () => {
    const row = await api.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const copy = { ...row, id: randomUUID(), email: 'e\u0301lodie@acme.test' };
    await expect(api.db.insertInto('users').values(copy).execute()).rejects.toThrow();
    const { email_key: _key, ...keyless } = copy;
    await expect(api.db.insertInto('users').values(keyless as typeof copy).execute()).rejects.toThrow(/email_key/);
  });

  it('creates one person when several spellings of one new address are created at once', async () => {
    const spellings = ['Zoë@race.test', 'zoe\u0308@race.test', 'ZOË@RACE.TEST', 'ZOE\u0308@race.test', 'zoë@Race.Test', 'zoë@race.test'];
    const runs = await Promise.all(spellings.map(create));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1, 1, 1, 1, 1]);
    for (const run of runs.filter((r) => r.code === 1)) expect(JSON.parse(run.stderr)).toMatchObject({ error: 'failed', message: expect.stringContaining('already exists') });
    expect(await peopleNamed('zoë@race.test')).toBe(1);
  });

  it('counts failed sign-ins of every spelling against one throttle key', () => {
    const keys = [ELODIE, ...OTHER_SPELLINGS].map((e) => throttleKeys(e, '192.0.2.1').account);
    expect(new Set(keys).size).toBe(1);
  });
});

describe('every spelling of an address is one person, in every command', () => {
  const groups = SAME.filter((g) => ['STRASSE@berlin.test', 'ΟΔΟΣ@athens.test', 'İZMİR@izmir.test', 'ﬁ@a.test', 'ada@bücher.test', 'info@例え.テスト', 'post@straße.test'].includes(g[0]));

  it.each(groups.map((g) => [g[0], g]))('%s', async (first, group) => {
    const made = await create(first);
    expect(made.code).toBe(0);
    for (const spelling of group.slice(1)) {
      expect((await create(spelling)).code, `create ${spelling}`).toBe(1);
      expect((await signIn(spelling)).body.user?.id, `sign in ${spelling}`).toBe(made.json.id);
      const staff = await admin(['staff', 'add', spelling, '--json']);
      expect(staff.json?.id, `staff add ${spelling}`).toBe(made.json.id);
    }
    const newPassword = `renewed ${randomUUID()}`;
    const reset = await admin(['person', 'set-password', group[group.length - 1], '--password-stdin', '--json'], `${newPassword}\n`);
    expect(reset.json.id).toBe(made.json.id);
    expect((await signIn(first, newPassword)).status).toBe(201);
  });

  it('keeps look-alikes that are different addresses as different people: i, ı and i̇', async () => {
    // Another domain than the İZMİR group above, whose key is i̇zmi̇r@izmir.test.
    const group = DIFFERENT[0].map((e) => e.replace('@izmir.test', '@ankara.test'));
    const ids = [];
    for (const email of group) {
      const run = await create(email);
      expect(run.code, email).toBe(0);
      ids.push(run.json.id);
    }
    for (const [i, email] of group.entries()) expect((await signIn(email)).body.user?.id).toBe(ids[i]);
    expect(await peopleNamed('izmir@ankara.test')).toBe(1);
  });
});
