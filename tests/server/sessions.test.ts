// Sign-in, sign-out, /me and the audit of logins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('POST /sessions', () => {
  it('signs in with the demo password and lists the profiles named after the company', async () => {
    const res = await api.request('POST', '/sessions', { body: { email: 'BOB@acme.test ', password: 'fastpath-demo' } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(res.body.user).toMatchObject({ email: 'bob@acme.test', isSupport: false, locale: 'en' });
    expect(res.body.profiles).toEqual([
      { accountId: expect.any(String), companyName: "Bob's Bikes", role: 'holder' },
      { accountId: expect.any(String), companyName: 'Acme Corp', role: 'user' },
    ]);
  });

  it('answers unknown e-mail and wrong password alike, and audits both', async () => {
    const unknown = await api.request('POST', '/sessions', { body: { email: 'nobody@acme.test', password: 'fastpath-demo' } });
    const wrong = await api.request('POST', '/sessions', { body: { email: 'ada@acme.test', password: 'not-it' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const failed = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'login.failed').execute();
    expect(failed.map((r) => r.actor_label).sort()).toEqual(['ada@acme.test', 'nobody@acme.test']);
    expect(JSON.stringify(failed)).not.toContain('not-it');
  });

  it('stores only a hash of the token', async () => {
    const token = await api.signIn('ada@acme.test');
    const rows = await api.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it.each([
    ['a missing password', { email: 'ada@acme.test' }, 'password'],
    ['an unknown field', { email: 'ada@acme.test', password: 'x', role: 'holder' }, 'role'],
  ])('refuses %s with 400 naming the field', async (_what, body, path) => {
    const res = await api.request('POST', '/sessions', { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a body that is not JSON with 415, and malformed JSON with 400', async () => {
    const text = await api.request('POST', '/sessions', { body: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const broken = await api.request('POST', '/sessions', { body: '{"email":' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('invalid_request');
  });
});

describe('GET /me and DELETE /sessions/current', () => {
  it('needs a token', async () => {
    expect((await api.request('GET', '/me')).status).toBe(401);
    expect((await api.request('GET', '/me', { token: 'x'.repeat(43) })).body.code).toBe('unauthenticated');
  });

  it('tells support staff apart', async () => {
    const res = await api.request('GET', '/me', { token: await api.signIn('sam@support.test') });
    expect(res.status).toBe(200);
    expect(res.body.user.isSupport).toBe(true);
    expect(res.body.profiles).toEqual([]);
  });

  it('kills the token at once on sign-out', async () => {
    const res = await api.request('POST', '/sessions', { body: { email: 'chloe@globex.test', password: 'fastpath-demo' } });
    const token = res.body.token;
    expect((await api.request('GET', '/me', { token })).body.user.locale).toBe('fr');
    expect((await api.request('DELETE', '/sessions/current', { token })).status).toBe(204);
    expect((await api.request('GET', '/me', { token })).status).toBe(401);
    expect((await api.request('DELETE', '/sessions/current', { token })).status).toBe(401);
  });
});
