// The measured endpoints and the interleaved rounds: baseline, endpoint, baseline, endpoint … per round.
import type autocannon from 'autocannon';
import type { Fixture } from './fixture';
import { type LoadFigures, type LoadTarget, runLoad } from './load';
import type { Servers } from './servers-process';

export interface EndpointResult {
  name: string;
  connections: number;
  /** Medians over the rounds. */
  rps: number;
  p50: number;
  p99: number;
  baselineRps: number;
  /** Median of each round's endpoint req/s over the baseline req/s measured just before it. */
  ratio: number;
  failed: number;
  rounds: Array<{ endpoint: LoadFigures; baseline: LoadFigures }>;
}
export type SuiteResult = EndpointResult[];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Every PATCH carries the current If-Match of an account no other connection is writing at that moment. */
function patchRequests(apiUrl: string, auth: Record<string, string>, versions: Map<string, number>): autocannon.Request[] {
  const free = [...versions.keys()];
  const prefix = new URL(apiUrl).pathname;
  let n = 0;
  return [
    {
      method: 'PATCH',
      setupRequest: (req, context) => {
        const id = free.shift()!;
        (context as { accountId?: string }).accountId = id;
        return {
          ...req,
          method: 'PATCH',
          path: `${prefix}/accounts/${id}/billing`,
          headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${versions.get(id)}"` },
          body: JSON.stringify({ contact: { companyName: `Bench Patch ${++n}` } }),
        };
      },
      onResponse: (status, _body, context, headers) => {
        const id = (context as { accountId: string }).accountId;
        const etag = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'etag')?.[1];
        // A failed write keeps its account out of the pool: its version is no longer known.
        if (status === 200 && etag) {
          versions.set(id, Number(String(etag).replace(/\D/g, '')));
          free.push(id);
        }
      },
    },
  ];
}

async function currentVersions(apiUrl: string, auth: Record<string, string>, ids: string[]) {
  const versions = new Map<string, number>();
  for (const id of ids) {
    const res = await fetch(`${apiUrl}/accounts/${id}/billing`, { headers: auth });
    versions.set(id, (await res.json()).version);
  }
  return versions;
}

export async function runSuite(
  servers: Servers,
  fixture: Fixture,
  opts: { seconds: number; rounds: number; include: (name: string) => boolean; log: (s: string) => void },
): Promise<SuiteResult> {
  const { apiUrl } = servers;
  const auth = { authorization: `Bearer ${fixture.token}` };
  const invoices = `${apiUrl}/accounts/${fixture.historyAccountId}/invoices`;
  const targets: Array<LoadTarget | (() => Promise<LoadTarget>)> = [
    { name: 'GET /me', url: `${apiUrl}/me`, headers: auth },
    { name: 'GET /accounts/:id/billing', url: `${apiUrl}/accounts/${fixture.acmeId}/billing`, headers: auth },
    { name: 'GET /accounts/:id/invoices (page 1)', url: invoices, headers: auth },
    {
      name: `GET /accounts/:id/invoices (page ${fixture.deepPage}, cursor)`,
      url: `${invoices}?cursor=${fixture.deepCursor}`,
      headers: auth,
    },
    { name: 'GET /accounts/:id/activity (page 1 of 100,000 entries)', url: `${apiUrl}/accounts/${fixture.activityAccountId}/activity`, headers: auth },
    {
      name: 'GET /accounts/:id/activity (page 4,000, cursor)',
      url: `${apiUrl}/accounts/${fixture.activityAccountId}/activity?cursor=${fixture.activityDeepCursor}`,
      headers: auth,
    },
    async () => ({
      name: 'PATCH /accounts/:id/billing',
      url: apiUrl,
      requests: patchRequests(apiUrl, auth, await currentVersions(apiUrl, auth, fixture.patchAccountIds)),
    }),
    {
      name: 'POST /sessions (scrypt, 2 connections)',
      url: `${apiUrl}/sessions`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: fixture.email, password: fixture.password }),
      connections: 2,
    },
  ];
  const chosen = targets.filter((t) => (typeof t === 'function' ? opts.include('PATCH /accounts/:id/billing') : opts.include(t.name)));
  const baseline: LoadTarget = { name: 'baseline', url: servers.baselineUrl };
  const resolve = async (t: (typeof targets)[number]) => (typeof t === 'function' ? t() : t);

  // Warm-up: JIT and SQLite page cache, not measured.
  await runLoad(baseline, 1);
  for (const t of chosen) await runLoad(await resolve(t), 1);

  const perTarget = new Map<string, EndpointResult['rounds']>();
  for (let r = 0; r < opts.rounds; r++) {
    for (const t of chosen) {
      const target = await resolve(t);
      const base = await runLoad(baseline, opts.seconds);
      // scrypt takes ~0.65 s of CPU per sign-in: give it long enough to finish a handful.
      const endpoint = await runLoad(target, target.connections === 2 ? Math.max(opts.seconds, 6) : opts.seconds);
      if (!perTarget.has(target.name)) perTarget.set(target.name, []);
      perTarget.get(target.name)!.push({ endpoint, baseline: base });
      opts.log(
        `  round ${r + 1}  ${target.name.padEnd(46)} ${endpoint.rps.toFixed(0).padStart(6)} req/s ` +
          `(baseline ${base.rps.toFixed(0)})  p50 ${endpoint.p50} ms  p99 ${endpoint.p99} ms` +
          (endpoint.failed ? `  FAILED ${endpoint.failed}` : ''),
      );
    }
  }

  const results: SuiteResult = [...perTarget].map(([name, rounds]) => ({
    name,
    connections: name.startsWith('POST /sessions') ? 2 : 50,
    rps: median(rounds.map((x) => x.endpoint.rps)),
    p50: median(rounds.map((x) => x.endpoint.p50)),
    p99: median(rounds.map((x) => x.endpoint.p99)),
    baselineRps: median(rounds.map((x) => x.baseline.rps)),
    ratio: median(rounds.map((x) => x.endpoint.rps / x.baseline.rps)),
    failed: rounds.reduce((n, x) => n + x.endpoint.failed, 0),
    rounds,
  }));
  opts.log('');
  opts.log(`  ${'endpoint'.padEnd(46)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'× base'.padStart(7)} failed`);
  for (const r of results) {
    opts.log(
      `  ${r.name.padEnd(46)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ` +
        `${r.ratio.toFixed(3).padStart(7)} ${r.failed}`,
    );
  }
  opts.log(`  ${'(baseline node:http, median)'.padEnd(46)} ${median(results.map((r) => r.baselineRps)).toFixed(0).padStart(7)}`);
  return results;
}
