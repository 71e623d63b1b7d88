// Runs the real server as a child process, as `npm start` would, for crash and multi-instance tests.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestDatabase } from './database';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'node_modules/.cache/fastpath-tests/server.mjs');
let bundled: Promise<unknown> | undefined;

/**
 * The server compiled once into one file (dependencies stay in node_modules), so the many restarts of
 * a crash test cost a Node start, not a TypeScript compile each.
 */
function bundleServer() {
  return (bundled ??= build({
    entryPoints: [path.join(ROOT, 'server/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: BUNDLE,
    logLevel: 'error',
  }));
}

export function envFor(database: Pick<TestDatabase, 'config' | 'searchPath'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: database.config.dataDir, PORT: '0', HOST: '127.0.0.1', ...extra };
  // node-postgres reads PGOPTIONS: the child uses the test's own schema.
  if (database.searchPath) env.PGOPTIONS = `-c search_path=${database.searchPath}`;
  return env;
}

export async function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ServerProcess> {
  await bundleServer();
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({
          url: m[1],
          child,
          exited,
          kill: async (signal = 'SIGKILL') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += d));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
}
