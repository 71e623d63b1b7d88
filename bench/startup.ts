// Start-up time: from spawning the server (the production bundle, as `npm start` runs it; `npm start` itself
// with the extension unchanged; and `tsx` for development) to the first healthy /api/v1/health answer on SQLite.
import { spawn, spawnSync } from 'node:child_process';
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

const ROOT = path.resolve(import.meta.dirname, '..');

async function timeToHealthy(dataDir: string, command: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BILLING_RUN_INTERVAL_MINUTES: '0', NODE_ENV: '' };
  delete env.DATABASE_URL;
  // Its own process group: `npm start` is npm, a shell, then the server; SIGTERM goes to all of them.
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
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
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

/** Whether `npm start` would skip the extension build: its stamp matches the sources (scripts/build.ts --if-changed). */
function extensionBuildCurrent(): boolean {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/build.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0;
}

export interface StartupFigures {
  firstStartMs: number;
  restartMs: number;
  restartTsxMs: number;
  /** `npm start` on the same folder with the extension unchanged (it rebuilds the server bundle, not the extension); NaN when the extension is not built. */
  npmStartMs: number;
  npmStartSkipped?: string;
}

/** First start (empty folder: migrations + demo with real password hashing), restarts on that folder: bundle, `npm start`, tsx. */
export async function measureStartup(): Promise<StartupFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-startup-'));
  try {
    // Inside the tree, so that its imports of packages resolve to node_modules as in production.
    const bundle = await bundleServer('server/index.ts', path.resolve(import.meta.dirname, '../node_modules/.cache/fastpath-bench/index.mjs'));
    const firstStartMs = await timeToHealthy(dataDir, [process.execPath, bundle]);
    // The best of three: a restart on a shared 2-core machine is at the mercy of whatever else runs.
    const restarts: number[] = [];
    for (let i = 0; i < 3; i++) restarts.push(await timeToHealthy(dataDir, [process.execPath, bundle]));
    const restartTsxMs = await timeToHealthy(dataDir, [TSX, ENTRY]);
    const current = extensionBuildCurrent();
    const npmStarts: number[] = [];
    if (current) for (let i = 0; i < 3; i++) npmStarts.push(await timeToHealthy(dataDir, ['npm', 'start', '--silent']));
    return {
      firstStartMs,
      restartMs: Math.min(...restarts),
      restartTsxMs,
      npmStartMs: current ? Math.min(...npmStarts) : Number.NaN,
      ...(current ? {} : { npmStartSkipped: 'the extension is not built or its sources changed (npm run build first)' }),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/startup.ts`: just these figures.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void measureStartup().then((r) =>
    process.stdout.write(
      `bundle: first start ${r.firstStartMs.toFixed(0)} ms, restart ${r.restartMs.toFixed(0)} ms (best of 3); tsx restart ${r.restartTsxMs.toFixed(0)} ms; ` +
        `npm start, extension unchanged: ${r.npmStartSkipped ?? `${r.npmStartMs.toFixed(0)} ms (best of 3)`}\n`,
    ),
  );
}
