// Issue 19: request ids, /ready through start-up and shut-down, and the metrics of a sign-in, a save, a throttle and a billing run.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { throttleKeys } from '../../server/auth/login-throttle';
import { loadConfig } from '../../server/config';
import { connect } from '../../server/db/connect';
import { memoryLogger } from '../../server/observability/logger';
import { createMetrics } from '../../server/observability/metrics';
import { createReadiness } from '../../server/observability/readiness';
import { maskEmails } from '../../server/observability/redact';
import { type RunningServer, startServer } from '../../server/server';
import { checkEveryAnswer } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { demoPasswordHash } from '../helpers/demo';
import { callApi } from '../helpers/http';

let database: TestDatabase;
const DAY = 86_400_000;
let clock = Date.now();
const now = () => new Date(clock);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function start(logger = memoryLogger().logger): Promise<RunningServer> {
  return startServer(
    { ...database.config, billingRunIntervalMinutes: 60, metricsPort: 0 },
    { now, searchPath: database.searchPath, demoPasswordHash: await demoPasswordHash(), logger },
  );
}
const scrape = async (server: RunningServer) => (await fetch(server.metricsUrl!)).text();
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics and logs of a running server', () => {
  it('show a sign-in, a save, a throttle refusal and billing runs; /metrics is on METRICS_PORT only', async () => {
    const first = memoryLogger();
    let server = await start(first.logger);
    try {
      const signIn = await callApi(server.url, 'POST', '/sessions', { body: { email: 'ada@acme.test', password: 'fastpath-demo' } });
      const { token } = signIn.body;
      const account = signIn.body.profiles[0].accountId;
      const page = await callApi(server.url, 'GET', `/accounts/${account}/billing`, { token });
      const saved = await callApi(server.url, 'PATCH', `/accounts/${account}/billing`, {
        token,
        body: { contact: { companyName: 'Acme Metrics' } },
        headers: { 'if-match': page.etag! },
      });
      expect(saved.status).toBe(200);
      // A throttling decision, whichever throttle makes it: here the account's sign-in limit.
      // Failures as the throttle records them, up to the per-(account, address) limit (SECURITY.md).
      const { pair } = throttleKeys('bob@acme.test', '127.0.0.1');
      const failures = Array.from({ length: loadConfig({}).signIn.perAccountAndAddress }, () => ({ id: randomUUID(), key: pair, at: now().toISOString() }));
      await server.handle.db.insertInto('login_failures').values(failures).execute();
      expect((await callApi(server.url, 'POST', '/sessions', { body: { email: 'bob@acme.test', password: 'fastpath-demo' } })).status).toBe(429);

      await expect.poll(() => first.lines.some((l) => l.event === 'billing.run_finished'), { timeout: 60_000 }).toBe(true);
      const text = await scrape(server);
      expect(sample(text, 'fastpath_sign_ins_total{outcome="succeeded"}')).toBe(1);
      expect(sample(text, 'fastpath_sign_ins_total{outcome="throttled"}')).toBe(1);
      expect(sample(text, 'fastpath_throttle_refusals_total{route="/api/v1/sessions"}')).toBe(1);
      expect(sample(text, 'fastpath_http_requests_total{method="PATCH",route="/api/v1/accounts/:id/billing",status="200"}')).toBe(1);
      expect(sample(text, 'fastpath_http_request_duration_seconds_count{method="PATCH",route="/api/v1/accounts/:id/billing",status="200"}')).toBe(1);
      expect(sample(text, 'fastpath_billing_runs_total{outcome="ok"}')).toBe(1);
      expect(sample(text, 'fastpath_billing_run_duration_seconds_count')).toBe(1);
      expect(sample(text, 'fastpath_outbox_unsent')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'fastpath_outbox_oldest_unsent_age_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'fastpath_mail_delivery_failures_total')).toBe(0);
      expect(text).toContain('process_cpu_seconds_total');
      if (server.handle.dialect === 'postgres') expect(sample(text, 'fastpath_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      else expect(text).not.toContain('fastpath_db_pool_connections{');
      // Never on the API's own port.
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      expect((await fetch(server.metricsUrl!.replace('/metrics', '/other'))).status).toBe(404);

      const events = first.lines.map((l) => l.event);
      expect(events).toEqual(expect.arrayContaining(['http.request', 'auth.sign_in', 'throttle.refused', 'billing.run_finished']));
      expect(first.lines.find((l) => l.event === 'throttle.refused')).toMatchObject({ route: '/api/v1/sessions', retryAfter: expect.any(String) });
    } finally {
      await server.close();
    }

    // The same database a month and a half later: the next billing run issues the renewals.
    clock += 45 * DAY;
    const later = memoryLogger();
    server = await start(later.logger);
    try {
      // The run starts with the server and goes on in the background.
      await expect.poll(() => later.lines.some((l) => l.event === 'billing.run_finished'), { timeout: 60_000 }).toBe(true);
      const text = await scrape(server);
      expect(sample(text, 'fastpath_invoices_issued_total')).toBeGreaterThan(0);
      const run = later.lines.find((l) => l.event === 'billing.run_finished')!;
      expect(run.issued).toBe(sample(text, 'fastpath_invoices_issued_total'));
      expect(run.outcome).toBe('ok');
    } finally {
      await server.close();
    }
    expect(later.lines.map((l) => l.event)).toEqual(expect.arrayContaining(['server.stopping', 'server.stopped']));
  }, 120_000);
});

describe('request ids', () => {
  const handles: ReturnType<typeof connect>[] = [];
  afterAll(() => Promise.all(handles.map((h) => h.close())));
  const app = (trustProxy: boolean) => {
    const handle = connect({ dataDir: database.config.dataDir });
    handles.push(handle);
    const a = createApp({ db: handle.db, config: { ...database.config, trustProxy }, now });
    checkEveryAnswer(a);
    return a;
  };
  it('an incoming X-Request-Id is kept only behind a trusted proxy, and only when well-formed', async () => {
    const uuid = /^[0-9a-f-]{36}$/;
    const headers = { 'X-Request-Id': 'proxy-42' };
    expect((await app(true).request('/api/v1/health', { headers })).headers.get('x-request-id')).toBe('proxy-42');
    expect((await app(false).request('/api/v1/health', { headers })).headers.get('x-request-id')).toMatch(uuid);
    const forged = { 'X-Request-Id': 'a"} {"level":"fatal' };
    expect((await app(true).request('/api/v1/health', { headers: forged })).headers.get('x-request-id')).toMatch(uuid);
  });
});

describe('GET /ready', () => {
  it('is 503 while starting and once stopping, 200 in between, and 503 while the database is unreachable', async () => {
    const readiness = createReadiness();
    const handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
    const app = createApp({ db: handle.db, config: database.config, now, readiness, metrics: createMetrics() });
    checkEveryAnswer(app);
    try {
      const ready = () => app.request('/api/v1/ready');
      const starting = await ready();
      expect(starting.status).toBe(503);
      expect(starting.headers.get('retry-after')).toMatch(/^\d+$/);
      readiness.set('ready');
      expect((await ready()).status).toBe(200);
      readiness.set('stopping');
      readiness.set('ready'); // a stopping process never comes back
      expect((await ready()).status).toBe(503);
      expect((await app.request('/api/v1/health')).status).toBe(200); // liveness is not readiness
    } finally {
      await handle.close();
    }
    const down = connect({ dataDir: database.config.dataDir, databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const app = createApp({ db: down.db, config: loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }), now, readiness: createReadiness('ready') });
      checkEveryAnswer(app);
      const res = await app.request('/api/v1/ready');
      expect(res.status).toBe(503);
      expect((await res.json()).detail).toMatch(/database/);
    } finally {
      await down.close();
    }
  }, 30_000);
});

describe('secrets in log lines', () => {
  it('fields named like a secret are redacted at any depth, whatever a caller passes', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ body: { password: 'hunter2-x', contact: { token: 'tok-123' } }, Authorization: 'Bearer abc' }, 'careless');
    const line = JSON.stringify(lines[0]);
    for (const secret of ['hunter2-x', 'tok-123', 'Bearer abc']) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ body: { password: '[redacted]', contact: { token: '[redacted]' } }, Authorization: '[redacted]' });
  });
});

describe('e-mails in log lines', () => {
  it('keep only their domain, wherever they appear', () => {
    expect(maskEmails('550 <ada.l+x@acme.test>: mailbox full; cc bob@mail.acme.test')).toBe('550 <…@acme.test>: mailbox full; cc …@mail.acme.test');
    expect(maskEmails('no address @ here, user@localhost, a@@b')).toBe('no address @ here, user@localhost, a@@b');
    expect(maskEmails('x'.repeat(100_000) + '@'.repeat(100_000))).toHaveLength(200_000);
  });
});
