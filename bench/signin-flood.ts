// A correct sign-in's latency while one address floods POST /sessions with wrong passwords (issue 12 item 3).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const TSX = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
const ENTRY = path.resolve(import.meta.dirname, '../server/index.ts');
const FLOODERS = 40;
const SAMPLES = 5;

export interface FloodFigures {
  /** Median and worst of SAMPLES correct sign-ins, ms: alone, then while one address floods. */
  idleMs: { median: number; max: number };
  floodMs: { median: number; max: number };
  /** What the flooding address got back during the run, by status, and its median answer time for 429/503. */
  flood: { statuses: Record<string, number>; refusedMedianMs: number | null };
  /** The same with the hash cap lifted (as before issue 12), or why it was skipped. */
  uncapped: { floodMs: { median: number; max: number } } | { skipped: string };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};

async function withServer<T>(env: Record<string, string>, body: (url: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-flood-'));
  const port = await freePort();
  const child = spawn(TSX, [ENTRY], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BILLING_RUN_INTERVAL_MINUTES: '0', NODE_ENV: '', TRUST_PROXY: '1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/api/v1`;
  try {
    for (let started = performance.now(); ; await new Promise((r) => setTimeout(r, 20))) {
      if (child.exitCode !== null) throw new Error('server exited');
      if (performance.now() - started > 120_000) throw new Error('server not healthy after 120 s');
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    }
    return await body(url);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const signIn = async (url: string, email: string, password: string, from: string) => {
  const started = performance.now();
  const res = await fetch(`${url}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
};

async function correctSignIns(url: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await signIn(url, 'bob@acme.test', 'fastpath-demo', '198.51.100.1');
    if (r.status !== 201) throw new Error(`correct sign-in answered ${r.status}`);
    out.push(r.ms);
  }
  return out;
}

/** Runs `measure` while FLOODERS connections from one address send wrong passwords back to back. */
async function underFlood<T>(url: string, measure: () => Promise<T>) {
  let stop = false;
  const statuses: Record<string, number> = {};
  const refused: number[] = [];
  const workers = Array.from({ length: FLOODERS }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const r = await signIn(url, 'ada@acme.test', `guess-${w}-${i}`, '203.0.113.1');
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 429 || r.status === 503) {
        refused.push(r.ms);
        await new Promise((res) => setTimeout(res, 5)); // a flood, not a busy loop on our own core
      }
    }
  });
  await new Promise((r) => setTimeout(r, 500)); // let the flood fill the server first
  try {
    return { result: await measure(), statuses, refusedMedianMs: refused.length ? stats(refused).median : null };
  } finally {
    stop = true;
    await Promise.all(workers);
  }
}

// The flood is never refused by the hourly counts here, so only the hash cap stands between it and the pool.
const NO_HOURLY_LIMITS = { SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS: '1000000', SIGN_IN_LIMIT_PER_ADDRESS: '1000000' };

export async function measureSignInFlood(opts: { uncapped: boolean }): Promise<FloodFigures> {
  const capped = await withServer(NO_HOURLY_LIMITS, async (url) => {
    const idle = await correctSignIns(url, SAMPLES);
    const flooded = await underFlood(url, () => correctSignIns(url, SAMPLES));
    return { idle, flooded };
  });
  const uncapped = opts.uncapped
    ? await withServer({ ...NO_HOURLY_LIMITS, PASSWORD_HASHES_PER_ADDRESS: '1000', PASSWORD_HASHES_QUEUED: '1000' }, async (url) => ({
        floodMs: stats((await underFlood(url, () => correctSignIns(url, 2))).result),
      }))
    : { skipped: 'BENCH_FLOOD_UNCAPPED=0' };
  return {
    idleMs: stats(capped.idle),
    floodMs: stats(capped.flooded.result),
    flood: { statuses: capped.flooded.statuses, refusedMedianMs: capped.flooded.refusedMedianMs },
    uncapped,
  };
}
