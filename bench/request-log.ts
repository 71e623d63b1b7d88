// `npx tsx bench/request-log.ts`: what one request's log line and metrics cost, in-process (no socket):
// GET /api/v1/health with LOG_LEVEL=silent against info-level JSON lines written to /dev/null.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connect } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { createLogger } from '../server/observability/logger';

const N = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = 5;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-bench-log-'));
  const handle = connect({ dataDir });
  await migrateToLatest(handle.db);
  const config = loadConfig({ DATA_DIR: dataDir });
  const now = () => new Date();
  const silent = createApp({ db: handle.db, config, now, logger: createLogger({ level: 'silent', format: 'json' }) });
  const info = createApp({
    db: handle.db,
    config,
    now,
    logger: createLogger({ level: 'info', format: 'json', destination: pino.destination({ dest: '/dev/null', sync: true }) }),
  });
  const run = async (app: typeof silent) => {
    const started = performance.now();
    for (let i = 0; i < N; i++) await (await app.request('/api/v1/health')).text();
    return ((performance.now() - started) * 1000) / N;
  };
  await run(silent); // warm-up
  await run(info);
  const figures = { silent: [] as number[], info: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    figures.silent.push(await run(silent));
    figures.info.push(await run(info));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [s, i] = [median(figures.silent), median(figures.info)];
  process.stdout.write(`GET /api/v1/health in-process, median of ${ROUNDS} × ${N}: silent ${s.toFixed(1)} µs, info (JSON line to /dev/null) ${i.toFixed(1)} µs; ratio ${(i / s).toFixed(2)}, +${(i - s).toFixed(1)} µs a request\n`);
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

void main();
