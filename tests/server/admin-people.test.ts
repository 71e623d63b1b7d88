// Admin CLI: `person create|set-password|disable|enable` and `staff add|remove`, checked through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRunner, TEST_OPERATOR } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
});
afterAll(() => api.close());

const signIn = (email: string, password: string) => api.request('POST', '/sessions', { body: { email, password } });

describe('person create', () => {
  it('prints a one-time password once, with which the person signs in', async () => {
    const run = await admin(['person', 'create', '--email', 'Peter@Initech.TEST', '--name', 'Peter Gibbons', '--locale', 'fr']);
    expect(run.code).toBe(0);
    const password = /One-time password.*: (\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(password).toHaveLength(20);
    const res = await signIn('peter@initech.test', password);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'Peter@initech.test', name: 'Peter Gibbons', locale: 'fr', isSupport: false });
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'admin.person.created').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_label: TEST_OPERATOR, target: res.body.user.id });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('takes the password from stdin with --password-stdin and prints none', async () => {
    const run = await admin(['person', 'create', '--email', 'joanna@chotchkies.test', '--name', 'Joanna', '--password-stdin', '--json'], 'flair and pieces of flair\n');
    expect(run.code).toBe(0);
    expect(run.json).not.toHaveProperty('password');
    expect((await signIn('joanna@chotchkies.test', 'flair and pieces of flair')).status).toBe(201);
  });

  it.each([
    ['a short password', 'tooshort123', 'Use at least 12 characters (this one has 11)'],
    ['a common password, whatever its case', 'PASSWORD1234', 'one of the most common passwords'],
    ['a common word stretched with digits and symbols', 'Welcome2026!!', 'one of the most common passwords'],
  ])('refuses %s with exit 2', async (_what, password, message) => {
    const run = await admin(['person', 'create', '--email', 'weak@initech.test', '--name', 'Weak', '--password-stdin'], `${password}\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(await api.db.selectFrom('users').select('id').where('email', '=', 'weak@initech.test').executeTakeFirst()).toBeUndefined();
  });

  it('counts characters, not UTF-16 units: twelve emoji are long enough, eleven are not', async () => {
    const ok = await admin(['person', 'create', '--email', 'emoji@initech.test', '--name', 'E', '--password-stdin'], '🔑'.repeat(12));
    expect(ok.code).toBe(0);
    const short = await admin(['person', 'create', '--email', 'emoji2@initech.test', '--name', 'E', '--password-stdin'], '🔑'.repeat(11));
    expect(short.code).toBe(2);
  });

  it.each([
    [['--email', 'not-an-email', '--name', 'X'], 2, '--email: Not a valid e-mail address'],
    [['--email', 'x@initech.test'], 2, '--name: Required'],
    [['--email', 'x@initech.test', '--name', 'X', '--locale', 'de'], 2, '--locale'],
    [['--email', 'ADA@acme.test', '--name', 'Ada again'], 1, 'A person with e-mail ADA@acme.test already exists.'],
  ])('refuses %j with exit %i', async (flags, code, message) => {
    const run = await admin(['person', 'create', ...flags]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });

  it('refuses --password-stdin with nothing on stdin', async () => {
    const run = await admin(['person', 'create', '--email', 'empty@initech.test', '--name', 'E', '--password-stdin'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('standard input is empty');
  });
});

describe('person set-password, disable, enable', () => {
  it('set-password replaces the password and ends every session of that person', async () => {
    const token = (await signIn('chloe@globex.test', 'fastpath-demo')).body.token;
    const run = await admin(['person', 'set-password', 'chloe@globex.test', '--password-stdin'], 'un mot de passe tout neuf');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 session(s) ended');
    expect((await api.request('GET', '/me', { token })).status).toBe(401);
    expect((await signIn('chloe@globex.test', 'fastpath-demo')).status).toBe(401);
    expect((await signIn('chloe@globex.test', 'un mot de passe tout neuf')).status).toBe(201);
  });

  it('disable ends all their sessions at once and refuses sign-in; enable lets them back in', async () => {
    const tokens = [(await signIn('bob@acme.test', 'fastpath-demo')).body.token, (await signIn('bob@acme.test', 'fastpath-demo')).body.token];
    const run = await admin(['person', 'disable', 'bob@acme.test', '--json']);
    expect(run.code).toBe(0);
    expect(run.json.sessionsEnded).toBe(2);
    for (const token of tokens) expect((await api.request('GET', '/me', { token })).status).toBe(401);
    const sessions = await api.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('revoked_at').where('users.email', '=', 'bob@acme.test').execute();
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    expect((await signIn('bob@acme.test', 'fastpath-demo')).status).toBe(401);
    expect((await admin(['person', 'enable', 'bob@acme.test'])).code).toBe(0);
    expect((await signIn('bob@acme.test', 'fastpath-demo')).status).toBe(201);
    const actions = await api.db.selectFrom('audit_log').select('action').where('action', 'like', 'admin.person.%abled').orderBy('at').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['admin.person.disabled', 'admin.person.enabled']);
  });

  it('answers an unknown e-mail with exit 1, and a missing one with exit 2', async () => {
    expect(await admin(['person', 'disable', 'nobody@initech.test'])).toMatchObject({ code: 1, stderr: 'No person with e-mail nobody@initech.test.\n' });
    expect((await admin(['person', 'disable'])).code).toBe(2);
  });
});

describe('staff add and remove', () => {
  it('makes a person support staff and takes it back, as /me shows', async () => {
    expect((await admin(['staff', 'add', 'ada@acme.test'])).code).toBe(0);
    let token = (await signIn('ada@acme.test', 'fastpath-demo')).body.token;
    expect((await api.request('GET', '/me', { token })).body.user.isSupport).toBe(true);
    expect((await api.request('GET', '/support/change-requests', { token })).status).toBe(200);
    expect((await admin(['staff', 'remove', 'ada@acme.test'])).code).toBe(0);
    token = (await signIn('ada@acme.test', 'fastpath-demo')).body.token;
    expect((await api.request('GET', '/me', { token })).body.user.isSupport).toBe(false);
    const actions = await api.db.selectFrom('audit_log').select(['action', 'actor_label']).where('action', 'like', 'admin.staff.%').orderBy('at').orderBy('id').execute();
    expect(actions).toEqual([{ action: 'admin.staff.added', actor_label: TEST_OPERATOR }, { action: 'admin.staff.removed', actor_label: TEST_OPERATOR }]);
  });

  it('answers an unknown e-mail with exit 1', async () => {
    expect((await admin(['staff', 'add', 'nobody@initech.test'])).code).toBe(1);
  });
});
