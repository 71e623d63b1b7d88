// Two real API processes on one PostgreSQL database behave as one: shared sessions and versions, one
// migration and demo between them, each billing period invoiced once, each mail sent once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { connect, type DbHandle } from '../../server/db/connect';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callApi } from '../helpers/http';
import { envFor, type ServerProcess, spawnServer } from '../helpers/process-server';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
let database: TestDatabase;
let handle: DbHandle;
const dirs = ['a', 'b'];
let servers: ServerProcess[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
});
afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(servers.map((s) => s.kill('SIGKILL')));
  await handle.close();
  await database.drop();
});

const start = (billingMinutes: string) =>
  Promise.all(
    dirs.map((d) => spawnServer(envFor(database, { DATA_DIR: path.join(database.config.dataDir, d), BILLING_RUN_INTERVAL_MINUTES: billingMinutes }))),
  );

const call = (url: string, method: string, p: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(url, method, p, { token, body, headers });

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!onPostgres)('two API instances on one PostgreSQL database', () => {
  it('start together on an empty database: one migration, one demo', async () => {
    servers = await start('0');
    const users = await handle.db.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(4);
  }, 90_000);

  it('share sessions and versions: sign in on one, edit on the other, a stale edit across them is 412', async () => {
    const [a, b] = servers;
    const token = (await call(a.url, 'POST', '/sessions', undefined, { email: 'ada@acme.test', password: 'fastpath-demo' })).body.token;
    const acme = (await call(b.url, 'GET', '/me', token)).body.profiles[0].accountId;
    const seen = await call(a.url, 'GET', `/accounts/${acme}/billing`, token);
    const saved = await call(b.url, 'PATCH', `/accounts/${acme}/billing`, token, { contact: { companyName: 'Acme via B' } }, { 'if-match': seen.etag! });
    expect(saved.status).toBe(200);
    const stale = await call(a.url, 'PATCH', `/accounts/${acme}/billing`, token, { contact: { companyName: 'Acme via A' } }, { 'if-match': seen.etag! });
    expect(stale.status).toBe(412);
    expect(stale.body.current.contact.companyName).toBe('Acme via B');
    expect((await call(a.url, 'DELETE', '/sessions/current', token)).status).toBe(204);
    expect((await call(b.url, 'GET', '/me', token)).status).toBe(401);
  }, 60_000);

  it('invoice each period once and send each mail once when both run the billing run and the mail sender', async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    const before = await handle.db.selectFrom('invoices').select('id').execute();
    // Every subscription falls due, then both instances start and run the billing run at once.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await handle.db.updateTable('subscriptions').set({ current_period_end: yesterday }).execute();
    servers = await start('60');
    await until(async () => (await handle.db.selectFrom('invoices').select('id').execute()).length >= before.length + 3);
    await new Promise((r) => setTimeout(r, 1500));
    const perPeriod = await handle.db
      .selectFrom('invoices')
      .select(['subscription_id', 'period_start', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['subscription_id', 'period_start'])
      .execute();
    expect(perPeriod.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect((await handle.db.selectFrom('invoices').select('id').execute()).length).toBe(before.length + 3);

    const [a, b] = servers;
    const chloe = (await call(a.url, 'POST', '/sessions', undefined, { email: 'chloe@globex.test', password: 'fastpath-demo' })).body.token;
    const globex = (await call(a.url, 'GET', '/me', chloe)).body.profiles[0].accountId;
    const page = (await call(b.url, 'GET', `/accounts/${globex}/billing`, chloe)).body.billing;
    const current = { address: page.address, phone: page.phone, email: page.email };
    // One open case per account (R13): the case filed on one instance is withdrawn on the other before the next.
    for (const [i, s] of [a, b].entries()) {
      const filed = await call(s.url, 'POST', `/accounts/${globex}/change-requests`, chloe, {
        contactEmail: 'chloe@globex.test', current, requested: { ...current, email: `ap${i}@globex.test` }, details: `from instance ${i}`,
      });
      expect(filed.status).toBe(201);
      if (i === 0) expect((await call(b.url, 'POST', `/accounts/${globex}/change-requests/${filed.body.id}/withdraw`, chloe)).status).toBe(200);
    }
    await until(async () => (await handle.db.selectFrom('outbox_emails').select('id').where('sent_at', 'is', null).execute()).length === 0);
    const outbox = await handle.db.selectFrom('outbox_emails').select('message_id').execute();
    const files = dirs.flatMap((d) => {
      const dir = path.join(database.config.dataDir, d, 'mail');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
    });
    // The three change-request mails, plus the invoice and receipt mails (R15) of the periods both instances billed.
    expect(outbox.length).toBeGreaterThan(3);
    expect(files).toHaveLength(outbox.length);
    for (const { message_id } of outbox) expect(files.filter((f) => f.includes(message_id))).toHaveLength(1);
  }, 120_000);
});

describe('start-up and health when PostgreSQL is unreachable', () => {
  it('stops at start with one clear line', async () => {
    const db = await createTestDatabase();
    try {
      await expect(spawnServer(envFor(db, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PGOPTIONS: '' }))).rejects.toThrow(
        /PostgreSQL at 127\.0\.0\.1:1 is unreachable/,
      );
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('reports the database as down on /health (503) while it is', async () => {
    const down = connect({ dataDir: '/tmp', databaseUrl: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const app = createApp({ db: down.db, config: loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }), now: () => new Date() });
      const res = await app.request('/api/v1/health');
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe('service_unavailable');
    } finally {
      await down.close();
    }
  }, 30_000);
});
