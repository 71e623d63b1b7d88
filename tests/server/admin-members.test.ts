// Admin CLI: `member add|remove` and the one-holder rule (R1), checked through the profiles the API returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
let acme: string;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
  acme = await api.accountId('Acme Corp');
});
afterAll(() => api.close());

const membersOf = (accountId: string) =>
  api.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.email', 'memberships.role']).where('account_id', '=', accountId).orderBy('users.email').execute();

describe('member add', () => {
  it('adds a user, who then sees "User of" the account as a profile', async () => {
    const run = await admin(['member', 'add', acme, 'chloe@globex.test']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('chloe@globex.test is now user of Acme Corp.\n');
    const token = await api.signIn('chloe@globex.test');
    const me = await api.request('GET', '/me', { token });
    expect(me.body.profiles).toContainEqual({ accountId: acme, companyName: 'Acme Corp', role: 'user' });
    expect((await api.request('GET', `/accounts/${acme}/billing`, { token })).body.editable).toEqual({ contact: false, billing: false, vatId: false, invoiceLanguage: false, invoiceRecipients: false });
  });

  it('making someone holder moves the role: the previous holder becomes a user, in one step', async () => {
    const run = await admin(['member', 'add', acme, 'bob@acme.test', '--role', 'holder', '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ role: 'holder', outcome: 'role_changed', previousHolderDemoted: true });
    expect(await membersOf(acme)).toEqual([
      { email: 'ada@acme.test', role: 'user' },
      { email: 'bob@acme.test', role: 'holder' },
      { email: 'chloe@globex.test', role: 'user' },
    ]);
    // One command, one instant: the audit log has no order among rows of the same `at`, so compare as a set.
    const audit = await api.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('account_id', '=', acme).where('action', 'like', 'admin.membership.%').execute();
    expect(audit.map((a) => [a.action, a.after]).sort()).toEqual([
      ['admin.membership.added', '{"role":"user"}'],
      ['admin.membership.role_changed', '{"role":"holder"}'],
      ['admin.membership.role_changed', '{"role":"user"}'],
    ]);
  });

  it('a new member can be made holder directly; the account keeps exactly one holder', async () => {
    const globex = await api.accountId('Globex SARL');
    expect((await admin(['member', 'add', globex, 'sam@support.test', '--role', 'holder'])).code).toBe(0);
    expect(await membersOf(globex)).toEqual([
      { email: 'chloe@globex.test', role: 'user' },
      { email: 'sam@support.test', role: 'holder' },
    ]);
  });

  it('refuses to demote the holder without a successor (exit 1)', async () => {
    const run = await admin(['member', 'add', acme, 'bob@acme.test', '--role', 'user']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bob@acme.test is the holder of Acme Corp: make someone else holder first');
  });

  it('says so when nothing changes', async () => {
    const run = await admin(['member', 'add', acme, 'bob@acme.test', '--role', 'holder']);
    expect(run).toMatchObject({ code: 0, stdout: 'bob@acme.test is already holder of Acme Corp.\n' });
  });

  it.each([
    [['member', 'add', 'no-such-account', 'ada@acme.test'], 1, 'No account with id no-such-account.'],
    [['member', 'add', '@acme', 'nobody@acme.test'], 1, 'No person with e-mail nobody@acme.test.'],
    [['member', 'add', '@acme', 'ada@acme.test', '--role', 'owner'], 2, '--role: holder or user'],
    [['member', 'add', '@acme'], 2, 'member add takes ACCOUNT_ID EMAIL'],
  ])('refuses %j with exit %i', async (argv, code, message) => {
    const run = await admin(argv.map((a) => (a === '@acme' ? acme : a)));
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });
});

describe('member remove', () => {
  it('removes a user, whose profile disappears', async () => {
    expect((await admin(['member', 'remove', acme, 'chloe@globex.test'])).code).toBe(0);
    const me = await api.request('GET', '/me', { token: await api.signIn('chloe@globex.test') });
    expect(me.body.profiles.map((p: { accountId: string }) => p.accountId)).not.toContain(acme);
  });

  it('refuses to remove the holder (exit 1) and leaves the membership', async () => {
    const run = await admin(['member', 'remove', acme, 'bob@acme.test']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is the holder of Acme Corp');
    expect(await membersOf(acme)).toContainEqual({ email: 'bob@acme.test', role: 'holder' });
  });

  it('answers a non-member with exit 1', async () => {
    const run = await admin(['member', 'remove', acme, 'chloe@globex.test']);
    expect(run).toMatchObject({ code: 1, stderr: 'chloe@globex.test is not a member of Acme Corp.\n' });
  });
});
