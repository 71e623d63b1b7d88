// The 1,000-receipt pack: time to download GET /accounts/:id/receipts.zip over a socket, and the server's RSS growth.
// Run alone: `npx tsx bench/receipts-pack.ts [receipts]` (updates its part of bench/results.json). The measuring runs in a child process of its own,
// so the figure is that process's RSS, not the bench's; the client there only counts the bytes it reads.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';

export interface PackFigures {
  receipts: number;
  zipBytes: number;
  seconds: number;
  /** Per receipt, ms (rendering, zipping and sending). */
  msPerReceipt: number;
  rssBeforeMb: number;
  /**
   * Highest RSS seen during the download minus the RSS just before it, on a server that has already served
   * a pack of WARM_UP receipts (the one-time costs — PDF code and font loaded, V8's young generation grown
   * to its working size — are then behind it): what the number of receipts costs. The goal applies here.
   */
  peakRssGrowthMb: number;
  /** The same peak over the RSS before the process rendered any PDF: the first pack a process ever serves. */
  coldPeakRssGrowthMb: number;
  /** Live JS heap after a full GC, at the end minus before: what the download left behind (a leak shows here). */
  retainedHeapMb: number;
  /** RSS at the end minus RSS half-way: what more receipts cost once the stream is running. */
  secondHalfGrowthMb: number;
  goalMb: number;
  met: boolean;
}

const YEAR = 2031;
const GOAL_MB = 50;
/** Receipts in the warm-up pack (another year), served before the measured one. */
const WARM_UP = 100;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Parent side: runs the measurement in a fresh child process and returns its figures. */
export function measureReceiptsPack(receipts = 1000): Promise<PackFigures> {
  const child = fork(import.meta.filename, ['--child', String(receipts)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as PackFigures));
    child.once('exit', (code) => reject(new Error(`receipts pack bench exited with ${code}`)));
  });
}

async function child(count: number): Promise<PackFigures> {
  const { loadConfig } = await import('../server/config');
  const { connect } = await import('../server/db/connect');
  const { migrateToLatest } = await import('../server/db/migrate');
  const { loadDemo } = await import('../server/demo/demo.seed');
  const { hashToken } = await import('../server/auth/session.repository');
  const { createApp } = await import('../server/app');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-bench-pack-'));
  const config = loadConfig({ DATA_DIR: dataDir, BILLING_RUN_INTERVAL_MINUTES: '0', LOG_LEVEL: 'error' }, false);
  const handle = connect({ dataDir });
  try {
    await migrateToLatest(handle.db);
    const now = new Date();
    await loadDemo(handle.db, now, { passwordHash: 'unused: the bench signs in with a session row' });
    const db = handle.db;
    const ada = await db.selectFrom('users').select('id').where('email', '=', 'ada@acme.test').executeTakeFirstOrThrow();
    const acme = await db.selectFrom('memberships').select('account_id').where('user_id', '=', ada.id).where('role', '=', 'holder').executeTakeFirstOrThrow();
    const sub = await db.selectFrom('subscriptions').select('id').where('account_id', '=', acme.account_id).executeTakeFirstOrThrow();
    const { bill_to } = await db.selectFrom('invoices').select('bill_to').where('account_id', '=', acme.account_id).orderBy('id').executeTakeFirstOrThrow();
    const yearOf = (year: number, length: number) =>
      Array.from({ length }, (_, i) => {
        const at = new Date(Date.UTC(year, 0, 1) + i * 8 * 3_600_000).toISOString();
        const n = String(i + 1).padStart(6, '0');
        return {
          id: randomUUID(), account_id: acme.account_id, subscription_id: sub.id, number: `FP-${year}-${n}`, issued_at: at, period_start: at,
          period_end: at, subtotal: 5000, tax: 1000, tax_rate_bp: 2000, total: 6000, currency: 'EUR', status: 'paid' as const, paid_at: at,
          charge_id: `ch_${year}_${n}`, receipt_number: `RC-${year}-${n}`, payment_method_text: 'Visa •••• 4242', bill_to,
        };
      });
    const rows = [...yearOf(YEAR - 1, WARM_UP), ...yearOf(YEAR, count)];
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('invoices').values(rows.slice(i, i + 200)).execute();
    const token = randomBytes(32).toString('base64url');
    await db
      .insertInto('sessions')
      .values({ id: randomUUID(), token_hash: hashToken(token), user_id: ada.id, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(), revoked_at: null })
      .execute();

    const app = createApp({ db, config, now: () => new Date() });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const url = (year: number) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/accounts/${acme.account_id}/receipts.zip?year=${year}`;
    const download = (year: number, onBytes: (total: number) => void) =>
      new Promise<number>((resolve, reject) => {
        http.get(url(year), { headers: { authorization: `Bearer ${token}` } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`receipts.zip answered ${res.statusCode}`));
          let total = 0;
          res.on('data', (chunk: Buffer) => onBytes((total += chunk.length)));
          res.on('end', () => resolve(total));
          res.on('error', reject);
        }).on('error', reject);
      });

    const gc = () => (globalThis as { gc?: () => void }).gc?.();
    gc();
    const cold = process.memoryUsage().rss;
    // Warm-up: the font and the PDF code load once per process, and the heap grows to its working size.
    await download(YEAR - 1, () => {});
    gc();
    const before = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = before;
    let half = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    const expectedBytes = count * 24_000;
    let halfSeen = false;
    let quarter = 1;
    const zipBytes = await download(YEAR, (total) => {
      if (!halfSeen && total >= expectedBytes / 2) {
        halfSeen = true;
        half = process.memoryUsage().rss;
      }
      if (process.env.PACK_DIAG && total >= (expectedBytes * quarter) / 4) {
        quarter++;
        const m = process.memoryUsage();
        (globalThis as { gc?: () => void }).gc?.();
        const g = process.memoryUsage();
        process.stderr.write(`diag ${quarter - 1}/4 rss ${mb(m.rss).toFixed(0)} heapUsed ${mb(m.heapUsed).toFixed(0)} heapTotal ${mb(m.heapTotal).toFixed(0)} ext ${mb(m.external).toFixed(0)} ab ${mb(m.arrayBuffers).toFixed(0)} | after gc heapUsed ${mb(g.heapUsed).toFixed(0)} ext ${mb(g.external).toFixed(0)} rss ${mb(g.rss).toFixed(0)}\n`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const end = process.memoryUsage().rss;
    peak = Math.max(peak, end);
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    server.close();
    const peakRssGrowthMb = mb(peak - before);
    return {
      receipts: count,
      zipBytes,
      seconds,
      msPerReceipt: (seconds * 1000) / count,
      rssBeforeMb: mb(before),
      peakRssGrowthMb,
      coldPeakRssGrowthMb: mb(peak - cold),
      retainedHeapMb: mb(heapAfter - heapBefore),
      secondHalfGrowthMb: mb(end - half),
      goalMb: GOAL_MB,
      met: peakRssGrowthMb <= GOAL_MB,
    };
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printPack(f: PackFigures, out: (s: string) => void) {
  out(
    `Receipts pack (${f.receipts} receipt PDFs + CSV, ${mb(f.zipBytes).toFixed(1)} MB zip over a socket): ${f.seconds.toFixed(1)} s ` +
      `(${f.msPerReceipt.toFixed(1)} ms a receipt); server RSS ${f.rssBeforeMb.toFixed(0)} MB before, peak growth ` +
      `${f.peakRssGrowthMb.toFixed(1)} MB after a ${WARM_UP}-receipt warm-up pack (goal ≤ ${f.goalMb} MB: ${f.met ? 'met' : 'MISS'}), ` +
      `${f.coldPeakRssGrowthMb.toFixed(1)} MB over a process that had rendered no PDF yet; second half ${f.secondHalfGrowthMb.toFixed(1)} MB; ` +
      `live heap after GC ${f.retainedHeapMb >= 0 ? '+' : ''}${f.retainedHeapMb.toFixed(1)} MB`,
  );
}

/** The pack's line in the bench's targets. */
export const packTarget = (f: PackFigures) => ({
  target: `receipts pack RSS growth ≤ ${f.goalMb} MB (${f.receipts} receipts)`,
  figure: `${f.peakRssGrowthMb.toFixed(1)} MB`,
  met: f.met,
});

/** Run alone, the figures replace the pack's part of bench/results.json (the rest stays as the last full run left it). */
function storeAlone(f: PackFigures) {
  const file = path.join(import.meta.dirname, 'results.json');
  const results = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const target = packTarget(f);
  results.receiptsPack = { ...f, at: new Date().toISOString(), machine: { nproc: os.availableParallelism(), node: process.version, load1: os.loadavg()[0] } };
  results.targets = [...(results.targets ?? []).filter((t: { target: string }) => !t.target.startsWith('receipts pack')), target];
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3] ?? 1000)).then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (err) => {
      process.stderr.write(`${err.stack ?? err}\n`);
      process.exit(1);
    },
  );
} else if (import.meta.url === `file://${process.argv[1]}`) {
  measureReceiptsPack(Number(process.argv[2] ?? 1000)).then((f) => {
    printPack(f, (s) => process.stdout.write(`${s}\n`));
    storeAlone(f);
  });
}
