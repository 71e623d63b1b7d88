// Parent side of bench/servers.ts: forks it (so the load generator has its own core) and waits for its URLs.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { Fixture } from './fixture';
import type { ServersReady } from './servers';

export interface Servers extends ServersReady {
  /** A real sign-in (POST /sessions), as the extension stores it. */
  signIn(fixture: Fixture): Promise<{
    apiUrl: string;
    session: { token: string; expiresAt: string; user: unknown };
    profiles: Array<{ accountId: string; role: string; companyName: string }>;
    accountId: string;
    companyName: string;
  }>;
  /** CPU time the child (API, baseline and yardstick together; only one is loaded at a time) has used so far, µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Extra environment for the child: BENCH_YARDSTICK, and DATABASE_URL + BENCH_SEARCH_PATH for PostgreSQL ('' removes a variable). */
export async function startServers(dataDir: string, profileDir?: string, env: Record<string, string> = {}): Promise<Servers> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...env };
  for (const [name, value] of Object.entries(env)) if (value === '') delete childEnv[name];
  const child = fork(path.join(import.meta.dirname, 'servers.ts'), [], {
    env: childEnv,
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServersReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ServersReady));
    child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });
  return {
    ...ready,
    async signIn(fixture) {
      const res = await fetch(`${ready.apiUrl}/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: fixture.email, password: fixture.password }),
      });
      if (res.status !== 201) throw new Error(`sign-in answered ${res.status}`);
      const { token, expiresAt, user, profiles } = await res.json();
      const acme = profiles.find((p: { accountId: string }) => p.accountId === fixture.acmeId);
      return { apiUrl: ready.apiUrl, session: { token, expiresAt, user }, profiles, accountId: acme.accountId, companyName: acme.companyName };
    },
    cpuMicros() {
      return new Promise<number>((resolve) => {
        const listen = (m: unknown) => {
          if (typeof m === 'object' && m !== null && 'cpuMicros' in m) {
            child.off('message', listen);
            resolve((m as { cpuMicros: number }).cpuMicros);
          }
        };
        child.on('message', listen);
        child.send('cpu');
      });
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exited;
    },
  };
}
