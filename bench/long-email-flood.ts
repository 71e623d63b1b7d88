// Issue 12 item 1 (CWE-1333): the event-loop delay while 20 PATCH bodies with a 63,000-dot e-mail arrive at once.
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../server/config';
import { startServer } from '../server/server';
import type { Fixture } from './fixture';

interface Run {
  /** Event-loop delay in the API's process, ms. */
  p99: number;
  max: number;
  /** Slowest /health answer during the run, ms. */
  healthMaxMs: number;
  /** Mean time for one wave of bodies to be answered, ms. */
  waveMs: number;
  statuses: Record<string, number>;
}

export interface FloodFigures {
  idle: { p99: number; max: number };
  /** The same flood with a short bad e-mail: what any refused body costs on this machine now. */
  shortEmail: Run;
  longEmail: Run;
  /** The e-mail pattern as it was, timed on one 8,000-dot value, and scaled (quadratic) to 63,000 dots. */
  oldPatternMs: { measured8k: number; estimated63k: number };
}

const WAVES = 5;
const BODIES = 20;
const LONG_EMAIL = `a@${'.'.repeat(63_000)}@`;
const OLD_EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const ms = (ns: number) => ns / 1e6;

async function probeHealth(url: string, until: () => boolean): Promise<number> {
  let worst = 0;
  while (!until()) {
    const t = performance.now();
    await (await fetch(`${url}/health`)).arrayBuffer();
    worst = Math.max(worst, performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  return worst;
}

async function flood(api: string, fixture: Fixture, email: string, histogram: IntervalHistogram): Promise<Run> {
  const headers = { authorization: `Bearer ${fixture.token}`, 'content-type': 'application/json', 'if-match': '"1"' };
  const body = JSON.stringify({ contact: { email } });
  histogram.reset();
  const statuses: Record<string, number> = {};
  let done = false;
  const health = probeHealth(api, () => done);
  const started = performance.now();
  for (let wave = 0; wave < WAVES; wave++) {
    const answers = await Promise.all(
      Array.from({ length: BODIES }, () => fetch(`${api}/accounts/${fixture.acmeId}/billing`, { method: 'PATCH', headers, body })),
    );
    for (const res of answers) {
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      await res.arrayBuffer();
    }
  }
  const waveMs = (performance.now() - started) / WAVES;
  done = true;
  const healthMaxMs = await health;
  return { p99: ms(histogram.percentile(99)), max: ms(histogram.max), healthMaxMs, waveMs, statuses };
}

/** The API in this process (so its event loop can be watched); the clients too, so the figures are upper bounds. */
export async function measureLongEmailFlood(fixture: Fixture): Promise<FloodFigures> {
  const config = loadConfig({ ...process.env, DATA_DIR: fixture.dataDir, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test', BILLING_RUN_INTERVAL_MINUTES: '0' });
  const server = await startServer(config);
  const api = `${server.url}/api/v1`;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  try {
    await flood(api, fixture, 'warm-up', histogram); // JIT and statement cache, so the first figure is not the cold one
    histogram.enable();
    await new Promise((r) => setTimeout(r, 500));
    const idle = { p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
    const shortEmail = await flood(api, fixture, 'not-an-e-mail', histogram);
    const longEmail = await flood(api, fixture, LONG_EMAIL, histogram);
    histogram.disable();

    const t = performance.now();
    OLD_EMAIL_PATTERN.test(`a@${'.'.repeat(8_000)}@`);
    const measured8k = performance.now() - t;
    return { idle, shortEmail, longEmail, oldPatternMs: { measured8k, estimated63k: measured8k * (63_000 / 8_000) ** 2 } };
  } finally {
    histogram.disable();
    await server.close();
  }
}

export function printFlood(f: FloodFigures, log: (s: string) => void) {
  const row = (label: string, r: Run) =>
    log(`  ${label.padEnd(26)} loop delay p99 ${r.p99.toFixed(1).padStart(6)} ms, max ${r.max.toFixed(1).padStart(6)} ms; wave ${r.waveMs.toFixed(0).padStart(4)} ms; slowest /health ${r.healthMaxMs.toFixed(1).padStart(6)} ms; ${JSON.stringify(r.statuses)}`);
  log(`\nLong-e-mail flood (CWE-1333): ${WAVES} waves of ${BODIES} PATCH Billing bodies at once, /health probed throughout (API and clients in one process)`);
  log(`  idle                       loop delay p99 ${f.idle.p99.toFixed(1).padStart(6)} ms, max ${f.idle.max.toFixed(1).padStart(6)} ms`);
  row('short bad e-mail', f.shortEmail);
  row('63,000-dot e-mail', f.longEmail);
  log(`  long ÷ short: loop-delay max ${(f.longEmail.max / f.shortEmail.max).toFixed(2)}×, wave ${(f.longEmail.waveMs / f.shortEmail.waveMs).toFixed(2)}× (the length is refused before any pattern)`);
  log(`  the pattern as it was: ${f.oldPatternMs.measured8k.toFixed(0)} ms on one 8,000-dot value, ~${(f.oldPatternMs.estimated63k / 1000).toFixed(1)} s on one 63,000-dot value, per body`);
}
