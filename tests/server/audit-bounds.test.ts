// Audit rows caused by requests name the client address, and an attacker can only make a bounded number of them (issue 12 item 8).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleKeys } from '../../server/auth/login-throttle';
import { AuditBudget } from '../../server/audit/audit-budget';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let clock = Date.now();
beforeAll(async () => {
  api = await createTestApi({ now: () => new Date(clock) });
  api.database.config.trustProxy = true;
});
afterAll(() => api.close());

const from = (address: string) => ({ 'x-forwarded-for': address });
const rows = (action: string, address: string) =>
  api.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('client_address', '=', address).orderBy('at').execute();

describe('client address on audit rows', () => {
  it('records it on login.failed, login.succeeded, login.throttled, access.denied and logout', async () => {
    expect((await api.request('POST', '/sessions', { body: { email: 'bob@acme.test', password: 'wrong' }, headers: from('203.0.113.70') })).status).toBe(401);
    expect(await rows('login.failed', '203.0.113.70')).toMatchObject([{ actor_label: 'bob@acme.test' }]);

    const ok = await api.request('POST', '/sessions', { body: { email: 'bob@acme.test', password: 'fastpath-demo' }, headers: from('203.0.113.71') });
    expect(ok.status).toBe(201);
    expect(await rows('login.succeeded', '203.0.113.71')).toHaveLength(1);

    const acme = await api.accountId('Acme Corp');
    expect((await api.request('GET', `/accounts/${acme}/invoices`, { token: ok.body.token, headers: from('203.0.113.72') })).status).toBe(403);
    expect(await rows('access.denied', '203.0.113.72')).toMatchObject([{ after: '{"code":"not_account_holder"}' }]);

    const rowsAt = async (key: string) => {
      const at = new Date(clock).toISOString();
      await api.db.insertInto('login_failures').values(Array.from({ length: 300 }, () => ({ id: randomUUID(), key, at }))).execute();
    };
    await rowsAt(throttleKeys('bob@acme.test', '203.0.113.73').client);
    expect((await api.request('POST', '/sessions', { body: { email: 'bob@acme.test', password: 'x' }, headers: from('203.0.113.73') })).status).toBe(429);
    expect(await rows('login.throttled', '203.0.113.73')).toMatchObject([{ after: '{"reason":"failures_per_address"}' }]);

    expect((await api.request('DELETE', '/sessions/current', { token: ok.body.token, headers: from('203.0.113.74') })).status).toBe(204);
    expect(await rows('logout', '203.0.113.74')).toHaveLength(1);
  });
});

describe('bounded rates', () => {
  it('writes at most 10 access.denied rows per session a minute, and counts the rest in the next row', async () => {
    const token = (await api.request('POST', '/sessions', { body: { email: 'bob@acme.test', password: 'fastpath-demo' } })).body.token;
    const acme = await api.accountId('Acme Corp');
    for (let i = 0; i < 25; i++) {
      expect((await api.request('GET', `/accounts/${acme}/invoices`, { token, headers: from('203.0.113.80') })).status).toBe(403);
    }
    expect(await rows('access.denied', '203.0.113.80')).toHaveLength(10);
    clock += 61_000;
    expect((await api.request('GET', `/accounts/${acme}/invoices`, { token, headers: from('203.0.113.80') })).status).toBe(403);
    const all = await rows('access.denied', '203.0.113.80');
    expect(all).toHaveLength(11);
    expect(JSON.parse(all[10].after!)).toEqual({ code: 'not_account_holder', suppressed: 15 });
  });

  it('writes at most 10 login.throttled rows per address a minute', async () => {
    const at = new Date(clock).toISOString();
    await api.db.insertInto('login_failures').values(Array.from({ length: 300 }, () => ({ id: randomUUID(), key: 'client:203.0.113.90', at }))).execute();
    for (let i = 0; i < 25; i++) {
      const res = await api.request('POST', '/sessions', { body: { email: `p${i}@acme.test`, password: 'x' }, headers: from('203.0.113.90') });
      expect(res.status).toBe(429);
    }
    expect(await rows('login.throttled', '203.0.113.90')).toHaveLength(10);
  });

  it('tracks a bounded number of keys: new keys beyond it share one overflow budget', () => {
    const budget = new AuditBudget(1, 3);
    const written = Array.from({ length: 10 }, (_, i) => budget.take(`k${i}`, 0).write).filter(Boolean).length;
    expect(written).toBe(4); // 3 keys + the overflow key, one row each
    expect(budget.take('k0', 60_000)).toEqual({ write: true, suppressed: 0 });
  });
});
