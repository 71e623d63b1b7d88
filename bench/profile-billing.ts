// `npx tsx bench/profile-billing.ts [api|yardstick] [seconds] [sqlite|postgres]`: one side of the yardstick comparison
// under load, alone, with the server process under --cpu-prof into BENCH_PROFILE (default /tmp/fastpath-profile).
import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from './fixture';
import { preparePgDatabase } from './fixture-pg';
import { runLoad } from './load';
import { startServers } from './servers-process';

const which = process.argv[2] === 'yardstick' ? 'yardstick' : 'api';
const seconds = Number(process.argv[3] ?? 5);
const dir = path.resolve(process.env.BENCH_PROFILE ?? '/tmp/fastpath-profile');
fs.mkdirSync(dir, { recursive: true });
const now = new Date();
const onPg = process.argv[4] === 'postgres';
const fixture = onPg ? await preparePgDatabase(now) : await prepareDatabase({ scale: false, now });
if ('skipped' in fixture) throw new Error(fixture.skipped);
const env: Record<string, string> = onPg
  ? { BENCH_YARDSTICK: 'postgres', DATABASE_URL: (fixture as { databaseUrl: string }).databaseUrl, BENCH_SEARCH_PATH: (fixture as { searchPath: string }).searchPath }
  : { BENCH_YARDSTICK: 'sqlite', DATABASE_URL: '' };
const accountId = 'acmeId' in fixture ? fixture.acmeId : '';
const servers = await startServers(fixture.dataDir, dir, env);
try {
  const base = which === 'api' ? servers.apiUrl : servers.yardstickUrl!;
  const target = { name: which, url: `${base}/accounts/${accountId}/billing`, headers: { authorization: `Bearer ${fixture.token}` } };
  await runLoad(target, 1);
  const before = await servers.cpuMicros();
  const load = await runLoad(target, seconds);
  const cpu = (await servers.cpuMicros()) - before;
  process.stdout.write(`${which}: ${load.rps.toFixed(0)} req/s, p99 ${load.p99} ms, CPU ${(cpu / (load.ok + load.failed)).toFixed(0)} µs per request; profile in ${dir}\n`);
} finally {
  await servers.stop();
  if ('drop' in fixture) await fixture.drop();
  else fs.rmSync(fixture.dataDir, { recursive: true, force: true });
}
