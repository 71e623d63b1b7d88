// Issue 19: the logs of a real server process during a sign-in and a PATCH carry the request's facts, and no secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callApi } from '../helpers/http';
import { envFor, type ServerProcess, spawnServer } from '../helpers/process-server';

let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  // trace: the most a log can say; even then nothing below may appear.
  server = await spawnServer(envFor(database, { LOG_LEVEL: 'trace', LOG_FORMAT: 'json', BILLING_RUN_INTERVAL_MINUTES: '0' }));
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.drop();
});

describe('the log of a sign-in and a save', () => {
  it('has one JSON line per request with id, method, route pattern, status, duration, account and user, and no token, password, body or full e-mail', async () => {
    const password = 'fastpath-demo';
    const wrong = await callApi(server.url, 'POST', '/sessions', { body: { email: 'ada@acme.test', password: 'Not-the-password-42' } });
    expect(wrong.status).toBe(401);
    const signIn = await callApi(server.url, 'POST', '/sessions', { body: { email: 'ada@acme.test', password } });
    expect(signIn.status).toBe(201);
    const { token, user } = signIn.body;
    const account = signIn.body.profiles[0].accountId as string;
    const page = await callApi(server.url, 'GET', `/accounts/${account}/billing`, { token });
    const marker = 'Body-Marker-Company-7731';
    const saved = await callApi(server.url, 'PATCH', `/accounts/${account}/billing`, {
      token,
      body: { contact: { companyName: marker, email: 'secret.person@ledger.example' } },
      headers: { 'if-match': page.etag! },
    });
    expect(saved.status).toBe(200);
    await callApi(server.url, 'DELETE', '/sessions/current', { token });

    await server.kill('SIGTERM');
    const out = server.output();
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.event === 'http.request');
    const patch = requests.find((l) => l.method === 'PATCH')!;
    expect(patch).toMatchObject({ route: '/api/v1/accounts/:id/billing', status: 200, accountId: account, userId: user.id, level: 'info' });
    expect(typeof patch.reqId).toBe('string');
    expect(typeof patch.responseTime).toBe('number');
    expect(requests.map((l) => `${l.method} ${l.route} ${l.status}`)).toEqual([
      'POST /api/v1/sessions 401',
      'POST /api/v1/sessions 201',
      'GET /api/v1/accounts/:id/billing 200',
      'PATCH /api/v1/accounts/:id/billing 200',
      'DELETE /api/v1/sessions/current 204',
    ]);
    expect(lines.filter((l) => l.event === 'auth.sign_in').map((l) => l.outcome)).toEqual(['failed', 'succeeded']);
    expect(lines.map((l) => l.event)).toContain('server.stopped');

    for (const secret of [token, password, 'Not-the-password-42', marker, 'ada@acme.test', 'secret.person@ledger.example', 'secret.person', page.etag!]) {
      expect(out, `the log holds ${secret}`).not.toContain(secret);
    }
    expect(out).not.toMatch(/authorization|bearer/i);
    // The ids in the paths are fields of their own, never a raw path.
    expect(requests.every((l) => !String(l.route).includes(account))).toBe(true);
  }, 60_000);
});
