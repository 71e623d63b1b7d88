// Sign-in throttling (ASVS 5.0 6.3.1, NIST SP 800-63B §5.2.2; issue 12 items 2 and 4): atomic under parallel guesses, no lock-out by strangers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WINDOW_MS, sweepExpiredFailures, throttleKeys } from '../../server/auth/login-throttle';
import { throttleBucket } from '../../server/http/client-address';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let defaults: typeof api.database.config.signIn;
beforeAll(async () => {
  api = await createTestApi();
  defaults = { ...api.database.config.signIn };
  api.database.config.trustProxy = true; // addresses come from X-Forwarded-For, as behind our proxy
});
afterAll(() => api.close());
beforeEach(async () => {
  Object.assign(api.database.config.signIn, defaults);
  api.database.config.trustProxy = true;
  await api.db.deleteFrom('login_failures').execute();
});

const signIn = (email: string, password: string, from = '198.51.100.1') =>
  api.request('POST', '/sessions', { body: { email, password }, headers: { 'x-forwarded-for': from } });

/** Failures recorded as if they had happened `agoMs` earlier (each real one costs a full scrypt). */
async function pastFailures(key: string, count: number, agoMs: number) {
  const at = new Date(Date.now() - agoMs).toISOString();
  const rows = Array.from({ length: count }, () => ({ id: randomUUID(), key, at }));
  await api.db.insertInto('login_failures').values(rows).execute();
}

const statuses = (responses: Array<{ status: number }>) => {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
};

describe('the reservation is atomic (CWE-367)', () => {
  it('answers exactly the limit of 30 parallel guesses from one address with 401, the rest 429 with Retry-After', async () => {
    Object.assign(api.database.config.signIn, { perAccountAndAddress: 5, hashesPerAddress: 100, hashesQueued: 100 });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('ada@acme.test', `guess-${i}`, '203.0.113.50')));
    expect(statuses(answers)).toEqual({ 401: 5, 429: 25 });
    for (const r of answers.filter((a) => a.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(59 * 60);
    // Exactly the checked guesses are recorded; the refused ones are not failures.
    const pair = throttleKeys('ada@acme.test', '203.0.113.50').pair;
    expect((await api.db.selectFrom('login_failures').select('id').where('key', '=', pair).execute()).length).toBe(5);
  });

  it('holds for wrong current passwords on POST /me/password too', async () => {
    const token = (await signIn('bob@acme.test', 'fastpath-demo', '203.0.113.60')).body.token;
    Object.assign(api.database.config.signIn, { perAccountAndAddress: 3, hashesPerAddress: 100, hashesQueued: 100 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.request('POST', '/me/password', {
          token,
          headers: { 'x-forwarded-for': '203.0.113.60' },
          body: { currentPassword: `guess-${i}`, newPassword: 'a perfectly fine passphrase' },
        }),
      ),
    );
    expect(statuses(answers)).toEqual({ 400: 3, 429: 9 });
  });
});

describe('what a refusal is keyed on', () => {
  it('refuses the limit+1st failure of one (account, address) pair, even with the right password, and not the same account elsewhere', async () => {
    const { perAccountAndAddress } = defaults;
    await pastFailures(throttleKeys('ada@acme.test', '203.0.113.7').pair, perAccountAndAddress - 1, 10 * 60_000);
    expect((await signIn('ada@acme.test', 'wrong-password', '203.0.113.7')).status).toBe(401);
    const blocked = await signIn('ADA@acme.test', 'fastpath-demo', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    // The oldest counted failure was 10 minutes ago: it leaves the window in about 50 minutes.
    expect(retryAfter).toBeGreaterThan(49 * 60);
    expect(retryAfter).toBeLessThanOrEqual(50 * 60);
    expect((await signIn('ada@acme.test', 'fastpath-demo', '203.0.113.8')).status).toBe(201);
  });

  it('answers an unknown e-mail exactly like a known one, throttled or not', async () => {
    for (const email of ['nobody@acme.test', 'ada@acme.test']) await pastFailures(throttleKeys(email, '203.0.113.9').pair, defaults.perAccountAndAddress, 5 * 60_000);
    const unknown = await signIn('nobody@acme.test', 'whatever', '203.0.113.9');
    const known = await signIn('ada@acme.test', 'whatever', '203.0.113.9');
    expect(unknown.status).toBe(429);
    expect(unknown.body).toEqual(known.body);
  });

  it('forgets failures older than an hour', async () => {
    await pastFailures(throttleKeys('bob@acme.test', '203.0.113.10').pair, defaults.perAccountAndAddress + 20, WINDOW_MS + 60_000);
    expect((await signIn('bob@acme.test', 'fastpath-demo', '203.0.113.10')).status).toBe(201);
  });

  it('sweeps failures of every key once they left the window, so addresses that never return do not pile up', async () => {
    await pastFailures('client:192.0.2.250', 3, WINDOW_MS + 1000);
    await pastFailures('client:192.0.2.251', 2, 60_000);
    await sweepExpiredFailures(api.db, new Date());
    const left = await api.db.selectFrom('login_failures').select('key').execute();
    expect(left.map((r) => r.key)).toEqual(['client:192.0.2.251', 'client:192.0.2.251']);
  });

  it('counts per client address over every account, trusting X-Forwarded-For only when TRUST_PROXY says so', async () => {
    await pastFailures('client:203.0.113.11', defaults.perAddress, 60_000);
    api.database.config.trustProxy = false;
    // Without TRUST_PROXY the header is ignored: the in-process client has no address ("unknown").
    expect((await signIn('chloe@globex.test', 'fastpath-demo', '203.0.113.11')).status).toBe(201);
    api.database.config.trustProxy = true;
    expect((await signIn('chloe@globex.test', 'fastpath-demo', '203.0.113.11, 198.51.100.7')).status).toBe(201);
    expect((await signIn('chloe@globex.test', 'fastpath-demo', '198.51.100.7, 203.0.113.11')).status).toBe(429);
  });
});

describe('what counts as one address', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, bucket) => {
    expect(throttleBucket(address)).toBe(bucket);
  });

  it('counts every address of one IPv6 /64 together, so a fresh address per guess gains nothing', async () => {
    Object.assign(api.database.config.signIn, { perAccountAndAddress: 2 });
    expect((await signIn('chloe@globex.test', 'guess-1', '2001:db8:5:6::1')).status).toBe(401);
    expect((await signIn('chloe@globex.test', 'guess-2', '2001:db8:5:6::2')).status).toBe(401);
    expect((await signIn('chloe@globex.test', 'fastpath-demo', '2001:db8:5:6:ffff::3')).status).toBe(429);
    expect((await signIn('chloe@globex.test', 'fastpath-demo', '2001:db8:5:7::1')).status).toBe(201);
  });
});

describe('a stranger cannot lock a person out (CWE-645)', () => {
  it('signs the person in from a new address after 120 failures on their account from 30 other addresses', async () => {
    const attackers = Array.from({ length: 30 }, (_, i) => `192.0.2.${i + 1}`);
    // 114 failures written as real ones leave them (each costs a full scrypt), then 6 real ones in parallel.
    for (const [i, from] of attackers.entries()) {
      const keys = throttleKeys('ada@acme.test', from);
      for (const key of [keys.account, keys.pair, keys.client]) await pastFailures(key, i < 6 ? 3 : 4, 60_000);
    }
    const real = await Promise.all(attackers.slice(0, 6).map((from) => signIn('ada@acme.test', `guess-${from}`, from)));
    expect(statuses(real)).toEqual({ 401: 6 });
    const account = throttleKeys('ada@acme.test', 'x').account;
    expect((await api.db.selectFrom('login_failures').select('id').where('key', '=', account).execute()).length).toBe(120);
    const victim = await signIn('ada@acme.test', 'fastpath-demo', '198.51.100.200');
    expect(victim.status).toBe(201);
    const change = await api.request('POST', '/me/password', {
      token: victim.body.token,
      headers: { 'x-forwarded-for': '198.51.100.200' },
      body: { currentPassword: 'fastpath-demo', newPassword: 'a perfectly fine passphrase' },
    });
    expect(change.status).toBe(204);
  }, 90_000);
});
