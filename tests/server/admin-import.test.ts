// Admin CLI: `import FILE.json` — the example file, then all-or-nothing with every error listed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

const EXAMPLE = path.resolve(__dirname, '../../docs/import-example.json');

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
let dir: string;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-import-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await api.close();
});

function writeFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const counts = async () => ({
  users: (await api.db.selectFrom('users').select('id').execute()).length,
  accounts: (await api.db.selectFrom('accounts').select('id').execute()).length,
  memberships: (await api.db.selectFrom('memberships').select('user_id').execute()).length,
  subscriptions: (await api.db.selectFrom('subscriptions').select('id').execute()).length,
  audit: (await api.db.selectFrom('audit_log').select('id').where('action', 'like', 'admin.%').execute()).length,
});

describe('import of docs/import-example.json', () => {
  let result: any;
  beforeAll(async () => {
    const run = await admin(['import', EXAMPLE, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    result = run.json;
  });

  it('creates every person, account, membership and subscription', async () => {
    expect(result.counts).toEqual({ people: 4, accounts: 2, subscriptions: 2 });
    const nordwind = await api.accountId('Nordwind AB');
    const row = await api.db.selectFrom('accounts').selectAll().where('id', '=', nordwind).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ payment_type: 'invoice', currency: 'SEK', contact_phone: '+46812345678', billing_line1: 'Box 123' });
    const desk = await api.db.selectFrom('users').select('is_support').where('email', '=', 'desk@ourcompany.example').executeTakeFirstOrThrow();
    expect(desk.is_support).toBe(1);
  });

  it('lets an imported holder sign in and use the Billing page like a demo holder', async () => {
    const hana = result.people.find((p: { email: string }) => p.email === 'hana@hanabi.example');
    const signIn = await api.request('POST', '/sessions', { body: { email: 'hana@hanabi.example', password: hana.password } });
    expect(signIn.status).toBe(201);
    expect(signIn.body.profiles).toEqual([{ accountId: await api.accountId('Hanabi Studio'), companyName: 'Hanabi Studio', role: 'holder' }]);
    const token = signIn.body.token;
    const page = await api.request('GET', `/accounts/${signIn.body.profiles[0].accountId}/billing`, { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      role: 'holder', editable: { contact: true, billing: true }, nextBillingDate: '2026-12-01',
      paymentMethod: { type: 'card', brand: 'visa', last4: '4242', expMonth: 10, expYear: 2029 },
      billing: { email: 'billing@hanabi.example', phone: '+33142868200', vatId: 'FR40303265045', address: { city: 'Paris' } },
    });
    const saved = await api.request('PATCH', `/accounts/${page.body.accountId}/billing`, {
      token, headers: { 'if-match': page.headers.get('etag')! }, body: { contact: { companyName: 'Hanabi Studio SAS' } },
    });
    expect(saved.status).toBe(200);
  });

  it('gives a person who is a user of two accounts both profiles', async () => {
    const luc = result.people.find((p: { email: string }) => p.email === 'luc@hanabi.example');
    const signIn = await api.request('POST', '/sessions', { body: { email: 'luc@hanabi.example', password: luc.password } });
    expect(signIn.body.profiles.map((p: { role: string }) => p.role)).toEqual(['user', 'user']);
  });

  it('refuses to import the same file twice, writing nothing', async () => {
    const before = await counts();
    const run = await admin(['import', EXAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('people.0.email: A person with this e-mail already exists');
    expect(run.stderr).toContain('accounts.1.companyName: An account with this name already exists');
    expect(await counts()).toEqual(before);
  });
});

describe('all or nothing', () => {
  const good = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  const fresh = () => {
    const file = structuredClone(good);
    file.people.forEach((p: { email: string }) => (p.email = p.email.replace('.example', '.test')));
    file.accounts.forEach((a: any) => {
      a.companyName += ' (2)';
      a.members.forEach((m: { email: string }) => (m.email = m.email.replace('.example', '.test')));
    });
    return file;
  };

  it('one bad row anywhere: nothing is written, and every error is listed with its path', async () => {
    const file = fresh();
    file.people[1].email = 'not an email';
    file.people[2].password = 'password1234';
    file.accounts[0].contact.address.country = 'XX';
    file.accounts[1].members.push({ email: 'ghost@nowhere.test', role: 'holder' });
    file.accounts[1].subscriptions[0].seats = 0;
    file.accounts[1].currency = 'HRK';
    const before = await counts();
    const run = await admin(['import', writeFile('bad.json', file)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing was imported');
    expect(run.stderr).toContain('people.1.email: Not a valid e-mail address');
    expect(run.stderr).toContain('accounts.0.contact.address.country: Not an ISO 3166-1 alpha-2 country code');
    expect(run.stderr).toContain('accounts.1.subscriptions.0.seats: At least 1');
    expect(run.stderr).toContain('accounts.1.currency: Not an ISO 4217 currency code');
    // Entries that are valid on their own are still checked against the rest: nothing is hidden.
    expect(run.stderr).toContain('people.2.password: This is one of the most common passwords');
    expect(run.stderr).toContain('accounts.1.members.2.email: No such person in this file or in the database');
    expect(run.stderr).toContain('accounts.1.members: Exactly one member must be the holder (found 2)');
    expect(await counts()).toEqual(before);
  });

  it('lists the errors the schema cannot see, all at once: common password, unknown member, two holders, bad phone, duplicates', async () => {
    const file = fresh();
    file.people[2].password = 'Password1234!';
    file.people.push({ ...file.people[0] });
    file.accounts[0].contact.phone = '555';
    file.accounts[1].members.push({ email: 'ghost@nowhere.test', role: 'holder' });
    file.accounts[1].members.push({ email: file.accounts[1].members[0].email, role: 'user' });
    const before = await counts();
    const run = await admin(['import', writeFile('bad2.json', file), '--json']);
    expect(run.code).toBe(2);
    const problem = JSON.parse(run.stderr);
    expect(problem.error).toBe('invalid_input');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'accounts.0.contact.phone',
      'accounts.1.members',
      'accounts.1.members.2.email',
      'accounts.1.members.3.email',
      'people.2.password',
      'people.4.email',
    ]);
    expect(problem.errors.find((e: { path: string }) => e.path === 'accounts.1.members').message).toBe('Exactly one member must be the holder (found 2)');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file that is not JSON (exit 2) and one that does not exist (exit 1)', async () => {
    const notJson = await admin(['import', writeFile('broken.json', '{"people": [')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('(file): Not JSON');
    const missing = await admin(['import', path.join(dir, 'missing.json')]);
    expect(missing).toMatchObject({ code: 1, stderr: `Cannot read ${path.join(dir, 'missing.json')}: ENOENT.\n` });
  });

  it('refuses unknown fields, so a typo is not silently dropped', async () => {
    const file = fresh();
    file.accounts[0].paymentMethod.cardNumber = '4242424242424242';
    const run = await admin(['import', writeFile('typo.json', file)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('accounts.0.paymentMethod.cardNumber: Unknown field');
  });
});
