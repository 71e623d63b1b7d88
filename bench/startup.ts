// Start-up time: from spawning the server (the production bundle, as `npm start` runs it; and `tsx` for
// development) to the first healthy /api/v1/health answer on SQLite.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bundleServer } from '../scripts/bundle-server';

const TSX = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
const ENTRY = path.resolve(import.meta.dirname, '../server/index.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

async function timeToHealthy(dataDir: string, command: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BILLING_RUN_INTERVAL_MINUTES: '0', NODE_ENV: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr.trim()}`);
      if (performance.now() - started > 60_000) throw new Error('server not healthy after 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** First start (empty folder: migrations + demo with real password hashing) and a restart on that folder. */
export async function measureStartup(): Promise<{ firstStartMs: number; restartMs: number; restartTsxMs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-startup-'));
  try {
    // Inside the tree, so that its imports of packages resolve to node_modules as in production.
    const bundle = await bundleServer('server/index.ts', path.resolve(import.meta.dirname, '../node_modules/.cache/fastpath-bench/index.mjs'));
    const firstStartMs = await timeToHealthy(dataDir, [process.execPath, bundle]);
    const restartMs = await timeToHealthy(dataDir, [process.execPath, bundle]);
    const restartTsxMs = await timeToHealthy(dataDir, [TSX, ENTRY]);
    return { firstStartMs, restartMs, restartTsxMs };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/startup.ts`: just these figures.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void measureStartup().then((r) =>
    process.stdout.write(`bundle: first start ${r.firstStartMs.toFixed(0)} ms, restart ${r.restartMs.toFixed(0)} ms; tsx restart ${r.restartTsxMs.toFixed(0)} ms\n`),
  );
}
