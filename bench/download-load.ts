// /health latency while receipts packs stream, against idle: what the render queue buys (fix-dos). Run alone: `npx tsx bench/download-load.ts`.
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../server/demo/demo.seed';
import { startTestServer } from '../tests/helpers/server';

export interface DownloadLoadFigures {
  packs: number;
  receiptsPerPack: number;
  idle: { p50Ms: number; p99Ms: number };
  underLoad: { p50Ms: number; p99Ms: number; samples: number };
  /** Statuses of 5 packs one person asks for at once: 2 × 200, then 429. */
  onePersonFive: Record<string, number>;
}

const YEAR = 2034;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function measureDownloadLoad(receipts = 40): Promise<DownloadLoadFigures> {
  const server = await startTestServer();
  try {
    const db = server.db;
    const holders = [['ada@acme.test', 'Acme Corp'], ['chloe@globex.test', 'Globex SARL']] as const;
    const who: { token: string; account: string }[] = [];
    for (const [email, company] of holders) {
      const account = (await db.selectFrom('accounts').select('id').where('company_name', '=', company).executeTakeFirstOrThrow()).id;
      const sub = await db.selectFrom('subscriptions').select('id').where('account_id', '=', account).orderBy('id').executeTakeFirstOrThrow();
      const { bill_to } = await db.selectFrom('invoices').select('bill_to').where('account_id', '=', account).orderBy('id').executeTakeFirstOrThrow();
      const rows = Array.from({ length: receipts }, (_, i) => {
        const at = new Date(Date.UTC(YEAR, 0, 1) + i * 3_600_000).toISOString();
        const n = `${who.length + 1}${String(i).padStart(5, '0')}`;
        return {
          id: randomUUID(), account_id: account, subscription_id: sub.id, number: `FP-${YEAR}-${n}`, issued_at: at, period_start: at, period_end: at,
          subtotal: 1000, tax: 0, tax_rate_bp: 0, total: 1000, currency: 'EUR', status: 'paid' as const, paid_at: at, charge_id: null,
          receipt_number: `RC-${YEAR}-${n}`, payment_method_text: null, bill_to,
        };
      });
      await db.insertInto('invoices').values(rows).execute();
      const res = await fetch(`${server.baseUrl}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      who.push({ token: (await res.json()).token, account });
    }
    const health = async () => {
      const t = performance.now();
      await (await fetch(`${server.baseUrl}/api/v1/health`)).arrayBuffer();
      return performance.now() - t;
    };
    const zip = (w: (typeof who)[number]) =>
      fetch(`${server.baseUrl}/api/v1/accounts/${w.account}/receipts.zip?year=${YEAR}`, { headers: { authorization: `Bearer ${w.token}` } }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    // Warm: the first PDF of a process parses the fonts (a one-time cost, bench/pdf-render.ts's "first").
    await zip(who[0]);
    for (let i = 0; i < 20; i++) await health();
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await health());

    // 2 packs per holder (their cap), 4 in all, streaming while /health is asked again and again.
    let streaming = true;
    const packs = Promise.all([...who, ...who].map(zip)).finally(() => (streaming = false));
    const loaded: number[] = [];
    while (streaming) loaded.push(await health());
    await packs;

    const five = await Promise.all(Array.from({ length: 5 }, () => zip(who[0])));
    const onePersonFive: Record<string, number> = {};
    for (const s of five) onePersonFive[s] = (onePersonFive[s] ?? 0) + 1;
    return {
      packs: 4,
      receiptsPerPack: receipts,
      idle: { p50Ms: pct(idle, 50), p99Ms: pct(idle, 99) },
      underLoad: { p50Ms: pct(loaded, 50), p99Ms: pct(loaded, 99), samples: loaded.length },
      onePersonFive,
    };
  } finally {
    await server.close();
  }
}

export function printDownloadLoad(f: DownloadLoadFigures, out: (s: string) => void) {
  out(`/health while ${f.packs} receipts packs of ${f.receiptsPerPack} stream (2 holders × their cap of 2): ` +
    `p50 ${f.underLoad.p50Ms.toFixed(1)} ms, p99 ${f.underLoad.p99Ms.toFixed(1)} ms over ${f.underLoad.samples} requests; ` +
    `idle p50 ${f.idle.p50Ms.toFixed(1)} ms, p99 ${f.idle.p99Ms.toFixed(1)} ms; 5 packs of one person at once: ${JSON.stringify(f.onePersonFive)}`);
}

if (import.meta.filename === process.argv[1]) {
  process.env.LOG_LEVEL ??= 'error';
  printDownloadLoad(await measureDownloadLoad(), (s) => process.stdout.write(`${s}\n`));
}
