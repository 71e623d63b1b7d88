// PostgreSQL ends the server's connections (failover, restart, a pooler: pg_terminate_backend) while requests
// and the mail sender run: the process lives, the requests caught in it get 503 + Retry-After, never a 500,
// and the next ones run on fresh connections (issue 21, item 1).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callApi } from '../helpers/http';
import { envFor, type ServerProcess, spawnServer } from '../helpers/process-server';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
/** The child's connections carry this name (pg reads PGAPPNAME), so only they are terminated, not other test files'. */
const APP_NAME = `fp-conn-loss-${process.pid}`;
let database: TestDatabase;
let handle: DbHandle;
let admin: pg.Client;
let server: ServerProcess | undefined;
let stderr = '';

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  admin = new pg.Client({ connectionString: database.config.databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  if (!onPostgres) return;
  await server?.kill('SIGKILL');
  await admin.end();
  await handle.close();
  await database.drop();
});

/** Ends every backend of the child server, as a failover would; returns how many there were. */
async function terminateServerBackends(): Promise<number> {
  const { rows } = await admin.query(
    'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()',
    [APP_NAME],
  );
  return rows.filter((r) => r.ended).length;
}

async function queueMails(n: number, tag: string): Promise<void> {
  const now = new Date().toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(), to_address: `mail${i}@example.test`, subject: `${tag} ${i}`, text_body: 'Hello.',
    message_id: `<${randomUUID()}@fastpath.local>`, created_at: now, attempts: 0, next_attempt_at: now, sent_at: null, last_error: null,
  }));
  await handle.db.insertInto('outbox_emails').values(rows).execute();
}

const unsent = async (tag: string) =>
  (await handle.db.selectFrom('outbox_emails').select('id').where('subject', 'like', `${tag} %`).where('sent_at', 'is', null).execute()).length;

describe.skipIf(!onPostgres)('PostgreSQL ends the connections of a running server', () => {
  it('keeps the process alive: 503 with Retry-After for the requests caught, never a 500, healthy again at once', async () => {
    server = await spawnServer(envFor(database, { PGAPPNAME: APP_NAME, BILLING_RUN_INTERVAL_MINUTES: '1' }));
    server.child.stderr!.on('data', (d) => (stderr += d));
    const { url } = server;
    const ada = (await callApi(url, 'POST', '/sessions', { body: { email: 'ada@acme.test', password: 'fastpath-demo' } })).body.token;
    const acme = (await callApi(url, 'GET', '/me', { token: ada })).body.profiles[0].accountId as string;
    await queueMails(100, 'before');

    const statuses = new Map<number, number>();
    const unavailableWithoutRetryAfter: string[] = [];
    let stop = false;
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const worker = async (w: number) => {
      try {
        await requests(w);
      } catch {
        count(0); // no answer at all: the process died
      }
    };
    const requests = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${url}/api/v1${i % 3 === 0 ? '/health' : i % 3 === 1 ? '/me' : `/accounts/${acme}/billing`}`, {
          headers: { authorization: `Bearer ${ada}` },
        });
        if (res.status === 503 && res.headers.get('retry-after') !== '1') unavailableWithoutRetryAfter.push(`${w}:${i}`);
        await res.arrayBuffer();
        count(res.status);
        // A write in a transaction too: an edit of the Billing page (412 when another worker saved first).
        if (i % 7 === 0) {
          const page = await callApi(url, 'GET', `/accounts/${acme}/billing`, { token: ada });
          if (page.status !== 200) {
            count(page.status);
            continue;
          }
          const saved = await callApi(url, 'PATCH', `/accounts/${acme}/billing`, {
            token: ada, body: { contact: { lastName: `W${w} ${i}` } }, headers: { 'if-match': page.etag! },
          });
          count(saved.status);
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);

    // The first termination lands while the sender is half-way through the outbox, the others every 250 ms.
    const started = Date.now();
    for (let left = await unsent('before'); left === 100 && Date.now() - started < 15_000; left = await unsent('before')) {
      await new Promise((r) => setTimeout(r, 5));
    }
    let terminated = 0;
    for (let round = 0; round < 8; round++) {
      terminated += await terminateServerBackends();
      await new Promise((r) => setTimeout(r, 250));
    }
    // The issue's bound: healthy again within 2 s of the last termination (it takes milliseconds).
    const deadline = Date.now() + 2_000;
    let health = 0;
    while (Date.now() < deadline && (health = (await fetch(`${url}/api/v1/health`)).status) !== 200) {
      await new Promise((r) => setTimeout(r, 20));
    }
    stop = true;
    await Promise.all(workers);

    expect(server.child.exitCode, stderr).toBeNull();
    expect(health, stderr).toBe(200);
    expect(terminated).toBeGreaterThan(0);
    const seen = Object.fromEntries(statuses);
    expect(Object.keys(seen).map(Number).filter((s) => ![200, 412, 503].includes(s)), JSON.stringify(seen)).toEqual([]);
    expect(unavailableWithoutRetryAfter).toEqual([]);
    // Each broken connection fails at most the one request that held or next took it: none goes back to the pool.
    expect(seen[503] ?? 0, JSON.stringify(seen)).toBeLessThanOrEqual(terminated);

    // Later requests succeed, and the mail sender goes on: fresh mail is delivered on its next rounds.
    for (const path of ['/health', '/me', `/accounts/${acme}/billing`]) {
      expect((await callApi(url, 'GET', path, { token: ada })).status).toBe(200);
    }
    await queueMails(5, 'after');
    const until = Date.now() + 60_000;
    while ((await unsent('after')) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await unsent('after'), stderr).toBe(0);
    expect(server.child.exitCode, stderr).toBeNull();
  }, 120_000);
});
