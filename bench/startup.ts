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

/** GNU time, when installed: the CPU seconds of the whole process tree (npm, its shell, the build script, the server). */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export interface Timed {
  /** Wall time from spawn to the first 200 of /api/v1/health. */
  ms: number;
  /** CPU time of the process tree until it stopped (user + system), when GNU time is there: what a busy machine disturbs least. */
  cpuMs?: number;
}

async function timeToHealthy(dataDir: string, command: string[]): Promise<Timed> {
  const cpuFile = GNU_TIME ? path.join(dataDir, `cpu-${process.pid}-${Date.now()}.txt`) : undefined;
  if (cpuFile) command = [GNU_TIME!, '-f', '%U %S', '-o', cpuFile, ...command];
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
        if (res.ok) {
          const ms = performance.now() - started;
          await stop();
          if (!cpuFile || !fs.existsSync(cpuFile)) return { ms };
          const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
          fs.rmSync(cpuFile);
          return { ms, cpuMs: (user + system) * 1000 };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stop();
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // Under GNU time, only its child: time itself must live to write what it measured.
      const children = cpuFile ? fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
      if (children.length) for (const pid of children) process.kill(pid, 'SIGTERM');
      else process.kill(-child.pid!, 'SIGTERM');
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
  /** `npm start` on the same folder with the extension unchanged; NaN when the extension is not built. */
  npmStartMs: number;
  npmStartSkipped?: string;
  /** CPU time of the same runs (GNU time), when it could be measured. */
  restartCpuMs?: number;
  npmStartCpuMs?: number;
}

const best = (runs: Timed[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

/** First start (empty folder: migrations + demo with real password hashing), restarts on that folder: bundle, `npm start`, tsx. */
export async function measureStartup(): Promise<StartupFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-startup-'));
  try {
    // Inside the tree, so that its imports of packages resolve to node_modules as in production.
    const bundle = await bundleServer('server/index.ts', path.resolve(import.meta.dirname, '../node_modules/.cache/fastpath-bench/index.mjs'));
    const first = await timeToHealthy(dataDir, [process.execPath, bundle]);
    // The best of three: a restart on a shared 2-core machine is at the mercy of whatever else runs.
    const restarts: Timed[] = [];
    for (let i = 0; i < 3; i++) restarts.push(await timeToHealthy(dataDir, [process.execPath, bundle]));
    const tsx = await timeToHealthy(dataDir, [TSX, ENTRY]);
    const current = extensionBuildCurrent();
    const npmStarts: Timed[] = [];
    // The first `npm start` may rebuild the server bundle (its sources changed since the last build); the next ones show the unchanged case.
    if (current) for (let i = 0; i < 4; i++) npmStarts.push(await timeToHealthy(dataDir, ['npm', 'start', '--silent']));
    const npm = current ? best(npmStarts.slice(1)) : undefined;
    return {
      firstStartMs: first.ms,
      restartMs: best(restarts).ms,
      restartCpuMs: best(restarts).cpuMs,
      restartTsxMs: tsx.ms,
      npmStartMs: npm?.ms ?? Number.NaN,
      npmStartCpuMs: npm?.cpuMs,
      ...(current ? {} : { npmStartSkipped: 'the extension is not built or its sources changed (npm run build first)' }),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const cpu = (ms?: number) => (ms === undefined ? '' : `, CPU ${ms.toFixed(0)} ms`);
/** One line for people: the figures of measureStartup. */
export const describeStartup = (r: StartupFigures) =>
  `bundle: first start ${r.firstStartMs.toFixed(0)} ms, restart ${r.restartMs.toFixed(0)} ms (best of 3${cpu(r.restartCpuMs)}); tsx restart ${r.restartTsxMs.toFixed(0)} ms; ` +
  `npm start, extension unchanged: ${r.npmStartSkipped ?? `${r.npmStartMs.toFixed(0)} ms (best of 3${cpu(r.npmStartCpuMs)})`}`;

// `npx tsx bench/startup.ts`: just these figures.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void measureStartup().then((r) => process.stdout.write(`${describeStartup(r)}\n`));
}
