// Session lifetime: 30 days without use (sliding), 90 days after sign-in at most; refusals are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';

const DAY = 86_400_000;
let clock = Date.now();
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ now: () => new Date(clock) });
});
afterAll(() => api.close());

const signIn = async (email: string) =>
  (await api.request('POST', '/sessions', { body: { email, password: 'fastpath-demo' } })).body.token as string;
const me = (token: string) => api.request('GET', '/me', { token });

describe('session expiry', () => {
  it('ends a session left unused for more than 30 days', async () => {
    const token = await signIn('ada@acme.test');
    clock += 29 * DAY;
    expect((await me(token)).status).toBe(200);
    clock += 29 * DAY; // 29 days after that use: still alive, the expiry slid
    expect((await me(token)).status).toBe(200);
    clock += 31 * DAY;
    expect((await me(token)).status).toBe(401);
  });

  it('ends any session 90 days after sign-in, however often it is used', async () => {
    const token = await signIn('bob@acme.test');
    const signedInAt = clock;
    while (clock + 20 * DAY < signedInAt + 90 * DAY) {
      clock += 20 * DAY;
      expect((await me(token)).status).toBe(200);
    }
    clock = signedInAt + 90 * DAY + 1000;
    expect((await me(token)).status).toBe(401);
  });
});

describe('audit of refusals', () => {
  it('records a member refused a holder-only action, naming who and what', async () => {
    const bob = await signIn('bob@acme.test');
    const acme = await api.accountId('Acme Corp');
    expect((await api.request('GET', `/accounts/${acme}/invoices`, { token: bob })).status).toBe(403);
    const entry = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.denied')
      .where('actor_label', '=', 'bob@acme.test')
      .executeTakeFirstOrThrow();
    expect(entry.account_id).toBe(acme);
    expect(entry.target).toBe(`GET /api/v1/accounts/${acme}/invoices`);
    expect(JSON.parse(entry.after!)).toEqual({ code: 'not_account_holder' });
  });
});
