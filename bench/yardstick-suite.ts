// GET /accounts/{id}/billing against its hand-written yardstick (bench/yardsticks.ts), in interleaved rounds.
import { type LoadFigures, runLoad } from './load';

export interface YardstickComparison {
  database: 'sqlite' | 'postgres';
  /** Medians over the rounds; ratio = median of each round's API req/s over the yardstick's in that round. */
  apiRps: number;
  yardstickRps: number;
  ratio: number;
  apiP99: number;
  yardstickP99: number;
  /** API p99 over the yardstick's, median over the rounds. */
  p99Ratio: number;
  failed: number;
  /** Same body bytes and the same header names (values of Date, X-Request-Id aside). */
  sameAnswer: boolean;
  /** CPU time of the server process per answered request, µs (medians), and yardstick's over the API's. */
  apiCpuMicros: number;
  yardstickCpuMicros: number;
  cpuRatio: number;
  /** PostgreSQL: transactions committed per request (pg_stat_database.xact_commit), API and yardstick. */
  statementsPerRequest?: { api: number; yardstick: number };
  rounds: Array<{ api: Measured; yardstick: Measured }>;
}

type Measured = LoadFigures & { cpuMicrosPerRequest: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const VARYING = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);

async function sameAnswer(apiUrl: string, yardstickUrl: string, path: string, auth: Record<string, string>, log: (s: string) => void) {
  const [a, y] = await Promise.all([fetch(`${apiUrl}${path}`, { headers: auth }), fetch(`${yardstickUrl}${path}`, { headers: auth })]);
  const [aText, yText] = await Promise.all([a.text(), y.text()]);
  const names = (h: Headers) => [...h.keys()].filter((k) => !VARYING.has(k)).sort().join(',');
  const values = (h: Headers) => [...h].filter(([k]) => !VARYING.has(k)).sort().join('\n');
  const same = a.status === 200 && y.status === 200 && aText === yText && values(a.headers) === values(y.headers) && names(a.headers) === names(y.headers);
  if (!same) log(`  NOT THE SAME ANSWER: API ${a.status} ${names(a.headers)} ${aText.length} B; yardstick ${y.status} ${names(y.headers)} ${yText.length} B`);
  return same;
}

export async function compareWithYardstick(
  urls: { apiUrl: string; yardstickUrl: string; cpuMicros(): Promise<number> },
  target: { token: string; accountId: string },
  opts: {
    database: 'sqlite' | 'postgres';
    seconds: number;
    rounds: number;
    log: (s: string) => void;
    /** PostgreSQL: reads pg_stat_database.xact_commit of the bench database. */
    committed?: () => Promise<number>;
  },
): Promise<YardstickComparison> {
  const auth = { authorization: `Bearer ${target.token}` };
  const path = `/accounts/${target.accountId}/billing`;
  const api = { name: 'API', url: `${urls.apiUrl}${path}`, headers: auth };
  const yardstick = { name: 'yardstick', url: `${urls.yardstickUrl}${path}`, headers: auth };
  const same = await sameAnswer(urls.apiUrl, urls.yardstickUrl, path, auth, opts.log);

  // Warm-up: JIT, page cache, and on PostgreSQL every pooled connection's prepared statements.
  await runLoad(yardstick, 1);
  await runLoad(api, 1);

  let statementsPerRequest: YardstickComparison['statementsPerRequest'];
  if (opts.committed) {
    // A backend reports its counters when idle for a second or more (PostgreSQL 15: up to 10 s), or when it ends.
    const settle = () => new Promise((r) => setTimeout(r, 11_000));
    // Requests one after another, so that every one counted has finished (none in flight at either end).
    const REQUESTS = 500;
    const per = async (t: typeof api) => {
      await settle();
      const before = await opts.committed!();
      for (let i = 0; i < REQUESTS; i++) {
        const res = await fetch(t.url, { headers: t.headers });
        if (res.status !== 200) throw new Error(`${t.name} answered ${res.status}`);
        await res.arrayBuffer();
      }
      await settle();
      // Less the two transactions of the `before` reading itself (its backend reports them when it ends).
      return ((await opts.committed!()) - before - 2) / REQUESTS;
    };
    statementsPerRequest = { api: await per(api), yardstick: await per(yardstick) };
    opts.log(`  statements per request (pg_stat_database.xact_commit): API ${statementsPerRequest.api.toFixed(2)}, yardstick ${statementsPerRequest.yardstick.toFixed(2)}`);
  }

  const rounds: YardstickComparison['rounds'] = [];
  for (let r = 0; r < opts.rounds; r++) {
    // Alternate which goes first, so a drift of the machine during a round does not favour either.
    const order = r % 2 ? [api, yardstick] : [yardstick, api];
    const figures = new Map<string, Measured>();
    for (const t of order) {
      const before = await urls.cpuMicros();
      const load = await runLoad(t, opts.seconds);
      figures.set(t.name, { ...load, cpuMicrosPerRequest: ((await urls.cpuMicros()) - before) / Math.max(load.ok + load.failed, 1) });
    }
    const a = figures.get('API')!;
    const y = figures.get('yardstick')!;
    rounds.push({ api: a, yardstick: y });
    opts.log(
      `  round ${r + 1}  API ${a.rps.toFixed(0).padStart(6)} req/s p99 ${a.p99} ms | yardstick ${y.rps.toFixed(0).padStart(6)} req/s p99 ${y.p99} ms` +
        ` | ${(a.rps / y.rps).toFixed(3)}× | CPU per request ${a.cpuMicrosPerRequest.toFixed(0)} vs ${y.cpuMicrosPerRequest.toFixed(0)} µs` +
        `${a.failed + y.failed ? `  FAILED ${a.failed + y.failed}` : ''}`,
    );
  }
  const result: YardstickComparison = {
    database: opts.database,
    apiRps: median(rounds.map((x) => x.api.rps)),
    yardstickRps: median(rounds.map((x) => x.yardstick.rps)),
    ratio: median(rounds.map((x) => x.api.rps / x.yardstick.rps)),
    apiP99: median(rounds.map((x) => x.api.p99)),
    yardstickP99: median(rounds.map((x) => x.yardstick.p99)),
    p99Ratio: median(rounds.map((x) => x.api.p99 / Math.max(x.yardstick.p99, 1))),
    apiCpuMicros: median(rounds.map((x) => x.api.cpuMicrosPerRequest)),
    yardstickCpuMicros: median(rounds.map((x) => x.yardstick.cpuMicrosPerRequest)),
    cpuRatio: median(rounds.map((x) => x.yardstick.cpuMicrosPerRequest / x.api.cpuMicrosPerRequest)),
    failed: rounds.reduce((n, x) => n + x.api.failed + x.yardstick.failed, 0),
    sameAnswer: same,
    statementsPerRequest,
    rounds,
  };
  opts.log(
    `  GET billing on ${opts.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${result.ratio.toFixed(3)}× its yardstick ` +
      `(${result.apiRps.toFixed(0)} vs ${result.yardstickRps.toFixed(0)} req/s), p99 ${result.apiP99} vs ${result.yardstickP99} ms ` +
      `(${result.p99Ratio.toFixed(2)}×); CPU per request ${result.apiCpuMicros.toFixed(0)} vs ${result.yardstickCpuMicros.toFixed(0)} µs ` +
      `(yardstick/API ${result.cpuRatio.toFixed(3)}); same answer: ${same ? 'yes' : 'NO'}`,
  );
  return result;
}
