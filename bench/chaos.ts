// Chaos run (issue 21): two instances on one PostgreSQL database under load, their backends terminated
// every 2 s and each instance kill -9'd once and restarted by a supervisor; prints what clients saw.
// `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/chaos.ts [seconds]` (loopback only).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bundleServer } from '../scripts/bundle-server';

const DATABASE_URL = process.env.DATABASE_URL ?? '';
const SECONDS = Number(process.argv[2] ?? 40);
const APP_NAME = `fp-chaos-${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  name: string;
  port: number;
  child?: ChildProcess;
  starts: number;
  /** ms from each (re)spawn to its first healthy /health */
  startMs: number[];
  exits: string[];
}

async function main() {
  if (!/^postgres/.test(DATABASE_URL)) throw new Error('Set DATABASE_URL to a PostgreSQL database (loopback).');
  const schema = `fp_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-chaos-'));
  const bundle = await bundleServer('server/index.ts', path.resolve(import.meta.dirname, '../node_modules/.cache/fastpath-bench/chaos.mjs'));
  const instances: Instance[] = [0, 1].map((i) => ({ name: 'ab'[i], port: 18700 + (process.pid % 500) * 2 + i, starts: 0, startMs: [], exits: [] }));
  let stopping = false;

  // The supervisor: starts an instance, and restarts it 200 ms after it exits, until the run ends.
  const supervise = (inst: Instance) => {
    const spawned = performance.now();
    inst.starts++;
    const child = spawn(process.execPath, [bundle], {
      env: {
        ...process.env, DATABASE_URL, PGOPTIONS: `-c search_path=${schema}`, PGAPPNAME: APP_NAME, HOST: '127.0.0.1',
        PORT: String(inst.port), DATA_DIR: path.join(root, inst.name), NODE_ENV: 'test', BILLING_RUN_INTERVAL_MINUTES: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    inst.child = child;
    void (async () => {
      while (inst.child === child && !stopping) {
        if ((await health(inst)) === 200) return void inst.startMs.push(performance.now() - spawned);
        await sleep(10);
      }
    })();
    child.once('exit', (code, signal) => {
      const crashed = stderr.split('\n').filter((l) => /Error|error/.test(l)).slice(0, 2).join(' | ');
      inst.exits.push(`${signal ?? code}${crashed ? `: ${crashed}` : ''}`);
      if (!stopping) setTimeout(() => supervise(inst), 200);
    });
  };
  const health = async (inst: Instance) => {
    try {
      return (await fetch(`http://127.0.0.1:${inst.port}/api/v1/health`)).status;
    } catch {
      return 0;
    }
  };
  instances.forEach(supervise);
  while (instances.some((i) => i.startMs.length === 0)) await sleep(50);

  const login = await fetch(`http://127.0.0.1:${instances[0].port}/api/v1/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@acme.test', password: 'fastpath-demo' }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`http://127.0.0.1:${instances[0].port}/api/v1/me`, { headers })).json()) as { profiles: { accountId: string }[] };
  const acme = me.profiles[0].accountId;

  const statuses: Record<string, number> = {};
  const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);
  const end = performance.now() + SECONDS * 1000;
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const inst = instances[(w + i) % 2];
      const route = ['/health', '/me', `/accounts/${acme}/billing`][i % 3];
      try {
        const res = await fetch(`http://127.0.0.1:${inst.port}/api/v1${route}`, { headers });
        await res.arrayBuffer();
        count(String(res.status));
        if (i % 5 === 0 && res.status === 200 && route.endsWith('/billing')) {
          const etag = res.headers.get('etag')!;
          const saved = await fetch(`http://127.0.0.1:${inst.port}/api/v1${route}`, {
            method: 'PATCH', headers: { ...headers, 'content-type': 'application/json', 'if-match': etag },
            body: JSON.stringify({ contact: { lastName: `Chaos ${w} ${i}` } }),
          });
          await saved.arrayBuffer();
          count(`PATCH ${saved.status}`);
        }
      } catch {
        count('no answer'); // the instance is down (kill -9) until its supervisor restarts it
        await sleep(20);
      }
    }
  };
  const workers = [0, 1, 2, 3].map(worker);

  // Chaos: terminate every backend of both instances every 2 s; kill -9 instance a at 1/3, b at 2/3.
  let terminations = 0;
  let backendsEnded = 0;
  const recoveries: number[] = [];
  const killsAt = [SECONDS / 3, (2 * SECONDS) / 3].map((s) => performance.now() + s * 1000);
  for (let t = 0; performance.now() < end - 2000; t++) {
    await sleep(2000);
    for (const [k, at] of killsAt.entries()) {
      if (at && performance.now() >= at) {
        instances[k].child?.kill('SIGKILL');
        killsAt[k] = 0;
      }
    }
    const { rows } = await admin.query(
      'select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and application_name = $1',
      [APP_NAME],
    );
    terminations++;
    backendsEnded += Number(rows[0].n);
    const started = performance.now();
    // Recovery: both instances answer /health 200 again (an instance being restarted is waited for too).
    while ((await Promise.all(instances.map(health))).some((s) => s !== 200) && performance.now() - started < 10_000) await sleep(5);
    recoveries.push(performance.now() - started);
  }
  await Promise.all(workers);
  const finalHealth = await Promise.all(instances.map(health));
  stopping = true;
  for (const inst of instances) inst.child?.kill('SIGTERM');
  await sleep(500);
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
  fs.rmSync(root, { recursive: true, force: true });

  const sorted = [...recoveries].sort((a, b) => a - b);
  const out = {
    seconds: SECONDS,
    responses: statuses,
    terminations,
    backendsEnded,
    recoveryMs: { median: Math.round(sorted[sorted.length >> 1]), max: Math.round(sorted[sorted.length - 1]) },
    instances: instances.map((i) => ({ name: i.name, starts: i.starts, startToHealthyMs: i.startMs.map(Math.round), exits: i.exits })),
    finalHealth,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`chaos run failed: ${err.stack}\n`);
  process.exit(1);
});
