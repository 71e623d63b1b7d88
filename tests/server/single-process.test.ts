// The server is one process: `npm start` and the systemd unit run the bundle with plain node, so a kill -9
// of the pid it reports (what a supervisor does after its stop timeout) frees the port at once (issue 21 §3).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bundle';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { envFor, spawnServer } from '../helpers/process-server';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Resolves true when `port` on loopback can be listened on right now (nothing holds it). */
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

const childrenOf = (pid: number) =>
  fs.readdirSync(`/proc/${pid}/task`).flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitForExit(pid: number) {
  // kill -9 is immediate, but the kernel reaps asynchronously; poll the pid, not a clock.
  for (let i = 0; alive(pid) && i < 1000; i++) await new Promise((r) => setTimeout(r, 5));
}

describe.skipIf(process.platform !== 'linux')('one process per server', () => {
  it('the bundle runs as the very process that was started, with no child process', async () => {
    const server = await spawnServer(envFor(database, { BILLING_RUN_INTERVAL_MINUTES: '0' }));
    try {
      expect(childrenOf(server.child.pid!)).toEqual([]);
    } finally {
      await server.kill('SIGKILL');
    }
    expect(await portIsFree(Number(new URL(server.url).port))).toBe(true);
  });

  it('npm start: kill -9 of the pid it reports frees the port at once', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: envFor(database, { BILLING_RUN_INTERVAL_MINUTES: '0', NODE_ENV: 'test' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    const npmExited = new Promise((r) => npm.once('exit', r));
    try {
      const started = Date.now();
      let m: RegExpExecArray | null = null;
      while (!(m = /listening on http:\/\/[\d.]+:(\d+)\S* \(.*pid (\d+)\)/.exec(out))) {
        if (npm.exitCode !== null || Date.now() - started > 170_000) throw new Error(`npm start did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const [port, pid] = [Number(m[1]), Number(m[2])];
      expect(await portIsFree(port)).toBe(false);
      // Nothing between npm and the server (no sh, no tsx), and nothing under the server.
      expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]).toBe(String(npm.pid));
      expect(childrenOf(pid)).toEqual([]);
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid);
      expect(await portIsFree(port)).toBe(true);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      await npmExited;
    }
  }, 180_000);
});
