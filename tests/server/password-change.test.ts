// POST /me/password: the current password is checked, the new one meets the rules, the other sessions end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleKeys } from '../../server/auth/login-throttle';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const signIn = async (email: string, password = 'fastpath-demo') => {
  const res = await api.request('POST', '/sessions', { body: { email, password } });
  expect(res.status).toBe(201);
  return res.body.token as string;
};
const change = (token: string, body: unknown) => api.request('POST', '/me/password', { token, body });

// Every sign-in costs a full scrypt hash: generous timeouts for a busy machine.
describe('POST /me/password', { timeout: 90_000 }, () => {
  it('changes the password, ends every other session of that person, keeps this one and the others’ sessions', async () => {
    const here = await signIn('ada@acme.test');
    const phone = await signIn('ada@acme.test');
    const laptop = await signIn('ada@acme.test');
    const bob = await signIn('bob@acme.test');
    const res = await change(here, { currentPassword: 'fastpath-demo', newPassword: 'analytical engine notes' });
    expect(res.status).toBe(204);
    expect((await api.request('GET', '/me', { token: here })).status).toBe(200);
    expect((await api.request('GET', '/me', { token: phone })).status).toBe(401);
    expect((await api.request('GET', '/me', { token: laptop })).status).toBe(401);
    expect((await api.request('GET', '/me', { token: bob })).status).toBe(200);
    expect((await api.request('POST', '/sessions', { body: { email: 'ada@acme.test', password: 'fastpath-demo' } })).status).toBe(401);
    await signIn('ada@acme.test', 'analytical engine notes');
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'password.changed').execute();
    expect(audit).toMatchObject([{ actor_label: 'ada@acme.test', after: '{"otherSessionsEnded":2}' }]);
    expect(JSON.stringify(audit)).not.toContain('analytical');
  });

  it('answers a wrong current password with 400 on currentPassword, and changes nothing', async () => {
    const token = await signIn('chloe@globex.test');
    const other = await signIn('chloe@globex.test');
    const res = await change(token, { currentPassword: 'not-it', newPassword: 'a perfectly fine passphrase' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', errors: [{ path: 'currentPassword', message: 'This is not your current password.' }] });
    expect((await api.request('GET', '/me', { token: other })).status).toBe(200);
    await signIn('chloe@globex.test');
  });

  it('counts wrong current passwords against the sign-in budget, so a stolen session cannot guess freely', async () => {
    const token = await signIn('sam@support.test');
    await api.db
      .insertInto('login_failures')
      .values(Array.from({ length: api.database.config.signIn.perAccountAndAddress - 1 }, (_, i) => ({ id: `f${i}`, key: throttleKeys('sam@support.test', 'unknown').pair, at: new Date().toISOString() })))
      .execute();
    expect((await change(token, { currentPassword: 'last-guess', newPassword: 'a perfectly fine passphrase' })).status).toBe(400);
    const blocked = await change(token, { currentPassword: 'fastpath-demo', newPassword: 'a perfectly fine passphrase' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.request('POST', '/sessions', { body: { email: 'sam@support.test', password: 'fastpath-demo' } })).status).toBe(429);
    await api.db.deleteFrom('login_failures').execute(); // the tests below sign Sam in again
  });

  it.each([
    ['too short', 'short pass', 'Use at least 12 characters (this one has 10).'],
    ['common, in any case', 'QWERTYUIOP123', 'This is one of the most common passwords; choose another (a few unrelated words work well).'],
    ['a common word padded with digits', '2026password!!', 'This is one of the most common passwords; choose another (a few unrelated words work well).'],
    ['over 1024 characters', 'x'.repeat(1025), 'Use at most 1024 characters.'],
    ['the same as the current one', 'fastpath-demo', 'This is one of the most common passwords; choose another (a few unrelated words work well).'],
  ])('refuses a new password that is %s with 400 on newPassword and the reason', async (_what, newPassword, message) => {
    const token = await api.signIn('bob@acme.test');
    const res = await change(token, { currentPassword: 'fastpath-demo', newPassword });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', errors: [{ path: 'newPassword', message }] });
  });

  it('accepts any characters, no composition rules: all lower-case words are fine', async () => {
    const token = await signIn('sam@support.test');
    expect((await change(token, { currentPassword: 'fastpath-demo', newPassword: 'purple monkey dishwasher' })).status).toBe(204);
  });

  it('needs a session (401) and a well-formed body (400 naming the field)', async () => {
    expect((await api.request('POST', '/me/password', { body: { currentPassword: 'a', newPassword: 'b' } })).status).toBe(401);
    const token = await api.signIn('bob@acme.test');
    const res = await change(token, { newPassword: 'a perfectly fine passphrase', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['currentPassword', 'extra']);
  });

  it('is in the OpenAPI document with its policy', async () => {
    const doc = await api.request('GET', '/openapi.json');
    expect(doc.body.paths['/api/v1/me/password'].post).toMatchObject({ 'x-policy': 'signed_in' });
  });
});
