// The cap on concurrent password hashes (issue 12 item 3, CWE-770): one address cannot starve everyone's sign-in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HashGate } from '../../server/auth/hash-gate';
import type { SignInLimits } from '../../server/config';
import { ApiError } from '../../server/http/api-error';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let defaults: SignInLimits;
beforeAll(async () => {
  api = await createTestApi();
  defaults = { ...api.database.config.signIn };
  api.database.config.trustProxy = true;
});
afterAll(() => api.close());
beforeEach(async () => {
  Object.assign(api.database.config.signIn, defaults);
  await api.db.deleteFrom('login_failures').execute();
});

const signIn = (email: string, password: string, from: string) =>
  api.request('POST', '/sessions', { body: { email, password }, headers: { 'x-forwarded-for': from } });

const statuses = (responses: Array<{ status: number }>) => {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
};

describe('HashGate', () => {
  const limits = (over: Partial<SignInLimits>): SignInLimits => ({ ...defaults, ...over });

  it('admits hashesPerAddress checks per address and refuses the next with 429 and Retry-After: 1', () => {
    const gate = new HashGate();
    const l = limits({ hashesPerAddress: 2 });
    const leaveA = gate.enter('a', l);
    gate.enter('a', l);
    let refused: unknown;
    try {
      gate.enter('a', l);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'rate_limited', headers: { 'Retry-After': '1' } });
    gate.enter('b', l); // another address is not affected
    leaveA();
    leaveA(); // leaving twice frees one place only
    gate.enter('a', l);
    expect(() => gate.enter('a', l)).toThrow(ApiError);
  });

  it('runs hashesAtOnce hashes, queues hashesQueued, answers the next 503 at once, and hands slots over in order', async () => {
    const gate = new HashGate();
    const l = limits({ hashesAtOnce: 1, hashesQueued: 1 });
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = gate.run(l, () => new Promise<void>((r) => (finishFirst = r)).then(() => order.push('first')));
    const second = gate.run(l, async () => order.push('second'));
    await expect(gate.run(l, async () => order.push('third'))).rejects.toMatchObject({ code: 'service_unavailable', headers: { 'Retry-After': '1' } });
    expect(gate.load).toMatchObject({ running: 1, waiting: 1 });
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(gate.load).toMatchObject({ running: 0, waiting: 0 });
  });
});

describe('sign-in under a flood from one address', () => {
  it('checks at most 2 of 20 parallel guesses from one address, answers the rest 429 at once, and signs another address in', async () => {
    Object.assign(api.database.config.signIn, { perAccountAndAddress: 1000, hashesPerAddress: 2, hashesQueued: 16 });
    const [victim, ...flood] = await Promise.all([
      signIn('bob@acme.test', 'fastpath-demo', '198.51.100.30'),
      ...Array.from({ length: 20 }, (_, i) => signIn('ada@acme.test', `guess-${i}`, '203.0.113.30')),
    ]);
    expect(victim.status).toBe(201);
    expect(statuses(flood)).toEqual({ 401: 2, 429: 18 });
    for (const r of flood.filter((x) => x.status === 429)) expect(r.headers.get('retry-after')).toBe('1');
    // Refused at the gate is not a failure: only the 2 checked guesses count.
    expect((await api.db.selectFrom('login_failures').select('id').where('key', '=', 'client:203.0.113.30').execute()).length).toBe(2);
  });

  it('answers 503 with Retry-After when every hash slot and the queue are taken, without counting a failure', async () => {
    Object.assign(api.database.config.signIn, { hashesAtOnce: 1, hashesQueued: 0 });
    const answers = await Promise.all(['203.0.113.41', '203.0.113.42', '203.0.113.43'].map((from) => signIn('ada@acme.test', 'wrong', from)));
    expect(statuses(answers)).toEqual({ 401: 1, 503: 2 });
    const busy = answers.find((a) => a.status === 503)!;
    expect(busy.body.code).toBe('service_unavailable');
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await api.db.selectFrom('login_failures').select('id').where('key', 'like', 'client:%').execute()).length).toBe(1);
  });

  it('caps POST /me/password the same way', async () => {
    const token = (await signIn('chloe@globex.test', 'fastpath-demo', '203.0.113.50')).body.token;
    Object.assign(api.database.config.signIn, { hashesPerAddress: 1 });
    const answers = await Promise.all(
      [1, 2, 3].map((i) =>
        api.request('POST', '/me/password', {
          token,
          headers: { 'x-forwarded-for': '203.0.113.50' },
          body: { currentPassword: `guess-${i}`, newPassword: 'a perfectly fine passphrase' },
        }),
      ),
    );
    expect(statuses(answers)).toEqual({ 400: 1, 429: 2 });
  });
});
