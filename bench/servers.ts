// Bench child process: the bare node:http baseline, the real API and (BENCH_YARDSTICK) a hand-written yardstick, on loopback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/observability/logger';
import { startServer } from '../server/server';
import { startPgYardstick, startSqliteYardstick, type Yardstick } from './yardsticks';

export interface ServersReady {
  baselineUrl: string;
  apiUrl: string;
  /** The yardstick's /api/v1, when BENCH_YARDSTICK asked for one (`sqlite` on DATA_DIR, `postgres` on DATABASE_URL). */
  yardstickUrl?: string;
}

const BASELINE_BODY = JSON.stringify({ status: 'ok', service: 'baseline', version: 1 });

function startBaseline(): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BASELINE_BODY) });
    res.end(BASELINE_BODY);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const config = loadConfig({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'test',
    BILLING_RUN_INTERVAL_MINUTES: '0',
  });
  const baseline = await startBaseline();
  // The API logs as in production (one JSON line a request, written synchronously), into /dev/null
  // rather than over the bench's own output: its cost is in the figures, its lines are not.
  const logger = createLogger({ level: config.logLevel, format: 'json', destination: pino.destination({ dest: '/dev/null', sync: true }) });
  const searchPath = process.env.BENCH_SEARCH_PATH || undefined;
  const api = await startServer(config, { logger, searchPath });
  const kind = process.env.BENCH_YARDSTICK;
  let yardstick: Yardstick | undefined;
  if (kind === 'sqlite') yardstick = await startSqliteYardstick(config.dataDir);
  if (kind === 'postgres') yardstick = await startPgYardstick(config.databaseUrl!, searchPath!, config.poolSize);
  const ready: ServersReady = {
    baselineUrl: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`,
    apiUrl: `${api.url}/api/v1`,
    yardstickUrl: yardstick?.url,
  };
  process.send?.(ready);
  // CPU time of this process so far (µs, user + system), asked for around each run: CPU per request is what
  // a busy shared machine disturbs least (req/s there depends on the other processes' share of the cores).
  process.on('message', (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
  });
  process.once('disconnect', async () => {
    baseline.close();
    await yardstick?.close();
    await api.close();
    process.exit(0);
  });
}

main().catch((err) => {
  process.stderr.write(`bench servers: ${err.stack ?? err}\n`);
  process.exit(1);
});
