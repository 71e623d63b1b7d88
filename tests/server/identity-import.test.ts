// Import's duplicate checks compare people and company names by the identity key, whatever their case or Unicode form.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRunner, accountFlags } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
let dir: string;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-identity-import-'));
  expect((await admin(accountFlagsFor('Élan Vital'))).code).toBe(0);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await api.close();
});

const accountFlagsFor = (company: string) => ['account', 'create', ...accountFlags({ company })];

let files = 0;
async function importFile(people: { email: string }[], accounts: { companyName: string; members: { email: string; role: string }[] }[]) {
  const file = path.join(dir, `file-${files++}.json`);
  const account = (a: (typeof accounts)[number]) => ({
    currency: 'EUR', paymentMethod: { type: 'invoice' },
    contact: { firstName: 'Ada', lastName: 'L', email: 'contact@elan.test', phone: '01 42 86 82 00', address: { line1: '1 rue', city: 'Paris', country: 'FR' } },
    subscriptions: [], ...a,
  });
  fs.writeFileSync(file, JSON.stringify({ people: people.map((p) => ({ name: 'Someone', password: 'a long enough passphrase', ...p })), accounts: accounts.map(account) }));
  return admin(['import', file, '--json']);
}

describe('import', () => {
  it.each(['ÉLAN VITAL', 'E\u0301lan Vital', 'e\u0301lan vital'])('refuses %j: an account with that name exists', async (name) => {
    const run = await importFile([{ email: 'holder@elan.test' }], [{ companyName: name, members: [{ email: 'holder@elan.test', role: 'holder' }] }]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('accounts.0.companyName: An account with this name already exists');
  });

  it('refuses two accounts of the file with one name in two Unicode forms', async () => {
    const members = [{ email: 'holder@nordlys.test', role: 'holder' }];
    const run = await importFile([{ email: 'holder@nordlys.test' }], [{ companyName: 'Nordlys Café', members }, { companyName: 'NORDLYS CAFE\u0301', members }]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('accounts.1.companyName: Appears twice in this file (also accounts.0)');
  });

  it('refuses one person listed twice in two spellings, and a person who already exists in another spelling', async () => {
    expect((await admin(['person', 'create', '--email', 'Ünal@ankara.test', '--name', 'Ünal'])).code).toBe(0);
    const run = await importFile(
      [{ email: 'ÉLODIE@acme.test' }, { email: 'e\u0301lodie@acme.test' }, { email: 'u\u0308nal@ankara.test' }],
      [],
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('people.1.email: Appears twice in this file (also people.0)');
    expect(run.stderr).toContain('people.2.email: A person with this e-mail already exists');
  });

  it('finds a member by any spelling of a person of the file or of the database, and lists one person once per account', async () => {
    const run = await importFile(
      [{ email: 'Σοφία@athens.test' }],
      [{ companyName: 'Ωμέγα', members: [{ email: 'ΣΟΦΊΑ@athens.test', role: 'holder' }, { email: 'U\u0308NAL@ankara.test', role: 'user' }] }],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const accountId = run.json.accounts[0].id;
    const members = await api.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email', 'memberships.role']).where('account_id', '=', accountId).orderBy('memberships.role').execute();
    expect(members).toEqual([{ email: 'Σοφία@athens.test', role: 'holder' }, { email: 'Ünal@ankara.test', role: 'user' }]);
    const twice = await importFile([], [{ companyName: 'Twice', members: [{ email: 'Ünal@ankara.test', role: 'holder' }, { email: 'u\u0308nal@ANKARA.test', role: 'user' }] }]);
    expect(twice.stderr).toContain('accounts.0.members.1.email: This person is listed twice in this account');
  });
});
