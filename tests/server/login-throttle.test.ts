// Sign-in throttling (ASVS 6.3.1, 6.3.8): per account and per client address, 429 with Retry-After.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, WINDOW_MS } from '../../server/auth/login-throttle';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  api.request('POST', '/sessions', { body: { email, password }, headers });

/** Failures recorded as if they had happened `agoMs` earlier (each real one costs a full scrypt). */
async function pastFailures(key: string, count: number, agoMs: number) {
  const at = new Date(Date.now() - agoMs).toISOString();
  const rows = Array.from({ length: count }, () => ({ id: randomUUID(), key, at }));
  await api.db.insertInto('login_failures').values(rows).execute();
}

describe('sign-in throttling', () => {
  it('blocks the 101st failure within an hour on one account, even with the right password', async () => {
    await pastFailures('account:ada@acme.test', LIMITS.account - 1, 10 * 60_000);
    const hundredth = await signIn('ada@acme.test', 'wrong-password');
    expect(hundredth.status).toBe(401);
    const blocked = await signIn('ADA@acme.test', 'fastpath-demo');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    // The oldest counted failure was 10 minutes ago: it leaves the window in about 50 minutes.
    expect(retryAfter).toBeGreaterThan(49 * 60);
    expect(retryAfter).toBeLessThanOrEqual(50 * 60);
    const audit = await api.db.selectFrom('audit_log').select('action').where('action', '=', 'login.throttled').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('answers an unknown e-mail exactly like a known one, throttled or not', async () => {
    await pastFailures('account:nobody@acme.test', LIMITS.account, 5 * 60_000);
    const unknown = await signIn('nobody@acme.test', 'whatever');
    const known = await signIn('ada@acme.test', 'whatever');
    expect(unknown.status).toBe(429);
    expect(unknown.body).toEqual(known.body);
  });

  it('forgets failures older than an hour', async () => {
    await pastFailures('account:bob@acme.test', LIMITS.account + 20, WINDOW_MS + 60_000);
    expect((await signIn('bob@acme.test', 'fastpath-demo')).status).toBe(201);
  });

  it('counts per client address too, trusting X-Forwarded-For only when TRUST_PROXY says so', async () => {
    await pastFailures('client:203.0.113.9', LIMITS.client, 60_000);
    // Without TRUST_PROXY the header is ignored: the in-process client has no address ("unknown").
    expect((await signIn('chloe@globex.test', 'fastpath-demo', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(201);
    api.database.config.trustProxy = true;
    try {
      const spoofedLeft = await signIn('chloe@globex.test', 'fastpath-demo', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
      expect(spoofedLeft.status).toBe(201);
      const viaProxy = await signIn('chloe@globex.test', 'fastpath-demo', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' });
      expect(viaProxy.status).toBe(429);
    } finally {
      api.database.config.trustProxy = false;
    }
  });
});
