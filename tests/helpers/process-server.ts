// Runs the real server as a child process, as `npm start` would, for crash and multi-instance tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { bundled, ROOT } from './bundle';
import type { TestDatabase } from './database';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

export function envFor(database: Pick<TestDatabase, 'config' | 'searchPath'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: database.config.dataDir, PORT: '0', HOST: '127.0.0.1', ...extra };
  // node-postgres reads PGOPTIONS: the child uses the test's own schema.
  if (database.searchPath) env.PGOPTIONS = `-c search_path=${database.searchPath}`;
  return env;
}

export async function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await bundled('server/index.ts')], {
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
        child.stdout!.on('data', (d: Buffer) => (out += d));
        resolve({
          output: () => out,
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
