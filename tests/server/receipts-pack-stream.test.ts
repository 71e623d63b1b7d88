// The receipts pack as a stream: paced by its reader, stopped by a reader that leaves, over a real socket too.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptsZip, type PackReceipt } from '../../server/documents/receipts-zip';
import { webStreamOf } from '../../server/http/stream-body';
import { DEMO_PASSWORD } from '../../server/demo/demo.seed';
import { startTestServer } from '../helpers/server';
import { readZip } from '../helpers/zip';

/** Lets every pending callback and timer of the producer run (no assertion is about time). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function fakeYear(count: number, opts: { failAt?: number } = {}) {
  const state = { rendered: 0, listingClosed: false, csvClosed: false, pdfs: [] as WeakRef<ArrayBufferLike>[] };
  const receipts = (async function* (): AsyncGenerator<PackReceipt> {
    try {
      for (let i = 0; i < count; i++) {
        yield {
          name: `receipt-${i}.pdf`,
          mtime: new Date(Date.UTC(2031, 0, 1)),
          render: async () => {
            state.rendered++;
            if (i === opts.failAt) throw new Error('renderer broke');
            // Incompressible, like a PDF's compressed streams: 40 KB in the zip too.
            const pdf = randomBytes(40_000);
            state.pdfs.push(new WeakRef(pdf.buffer));
            return pdf;
          },
        };
      }
    } finally {
      state.listingClosed = true;
    }
  })();
  const chunks = (async function* () {
    try {
      yield 'a,b\r\n';
    } finally {
      state.csvClosed = true;
    }
  })();
  return { state, input: { receipts, csv: { name: 'year.csv', mtime: new Date(), chunks } } };
}

describe('receiptsZip', () => {
  it('renders a receipt only when the reader has taken the previous ones', async () => {
    const { state, input } = fakeYear(1000);
    const reader = webStreamOf(receiptsZip(input)).getReader();
    await settle();
    // Nothing read yet: one receipt in the stream's buffer, perhaps the next being rendered.
    expect(state.rendered).toBeLessThanOrEqual(2);
    let bytes = 0;
    while (bytes < 400_000) bytes += (await reader.read()).value!.byteLength;
    await settle();
    expect(state.rendered).toBeGreaterThanOrEqual(10);
    expect(state.rendered).toBeLessThanOrEqual(13);
    await reader.cancel();
  });

  it('lets go of each receipt once it is in the stream, although the zip keeps its entries to the end', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const { state, input } = fakeYear(100);
    const reader = webStreamOf(receiptsZip(input)).getReader();
    let bytes = 0;
    while (bytes < 40 * 40_000) bytes += (await reader.read()).value!.byteLength;
    // WeakRefs are kept through the job that made them: collect across a few turns.
    for (let i = 0; i < 3; i++) {
      await settle();
      gc();
    }
    expect(state.rendered).toBeGreaterThanOrEqual(40);
    expect(state.pdfs.slice(0, 30).filter((ref) => ref.deref()).length).toBe(0);
    await reader.cancel();
  });

  it('stops rendering and closes the readers of the year when the reader cancels', async () => {
    const { state, input } = fakeYear(1000);
    const reader = webStreamOf(receiptsZip(input)).getReader();
    await reader.read();
    await reader.cancel();
    await settle();
    const after = state.rendered;
    await settle();
    expect(state.rendered).toBe(after);
    expect(after).toBeLessThan(5);
    expect(state.listingClosed).toBe(true);
  });

  it('breaks the download when a receipt cannot be rendered, rather than leaving it out', async () => {
    const { state, input } = fakeYear(10, { failAt: 3 });
    const reader = webStreamOf(receiptsZip(input)).getReader();
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return;
    })()).rejects.toThrow('renderer broke');
    expect(state.listingClosed).toBe(true);
    expect(state.csvClosed).toBe(false);
  });
});

describe('GET /accounts/:id/receipts.zip over a socket', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let acme: string;
  let token: string;
  const YEAR = 2032;
  const PAID = 12;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.db;
    acme = (await db.selectFrom('accounts').select('id').where('company_name', '=', 'Acme Corp').executeTakeFirstOrThrow()).id;
    const sub = await db.selectFrom('subscriptions').select('id').where('account_id', '=', acme).executeTakeFirstOrThrow();
    const { bill_to } = await db.selectFrom('invoices').select('bill_to').where('account_id', '=', acme).orderBy('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: PAID }, (_, i) => {
      const at = new Date(Date.UTC(YEAR, 0, 1) + i * 3_600_000).toISOString();
      const n = String(i).padStart(6, '0');
      return {
        id: randomUUID(), account_id: acme, subscription_id: sub.id, number: `FP-${YEAR}-${n}`, issued_at: at, period_start: at, period_end: at,
        subtotal: 1000, tax: 0, tax_rate_bp: 0, total: 1000, currency: 'EUR', status: 'paid' as const, paid_at: at, charge_id: null,
        receipt_number: `RC-${YEAR}-${n}`, payment_method_text: null, bill_to,
      };
    });
    // One receipt of another year whose bill-to snapshot the renderer cannot print.
    const broken = { ...rows[0], id: randomUUID(), number: `FP-${YEAR + 1}-000001`, receipt_number: `RC-${YEAR + 1}-000001`, bill_to: '{}' };
    for (const at of ['issued_at', 'period_start', 'period_end', 'paid_at'] as const) broken[at] = `${YEAR + 1}-03-01T00:00:00.000Z`;
    await db.insertInto('invoices').values([...rows, broken]).execute();
    const signIn = await fetch(`${server.baseUrl}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@acme.test', password: DEMO_PASSWORD }),
    });
    token = (await signIn.json()).token;
  });
  afterAll(() => server?.close());

  const get = (path: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` }, agent: false }, resolve).on('error', reject);
    });

  it('ends cleanly when the client hangs up mid-download, and the next download is whole', async () => {
    const res = await get(`/accounts/${acme}/receipts.zip?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    await new Promise<void>((resolve) => res.once('data', () => resolve()));
    res.destroy();
    await settle();
    expect((await fetch(`${server.baseUrl}/api/v1/health`)).status).toBe(200);

    const again = await fetch(`${server.baseUrl}/api/v1/accounts/${acme}/receipts.zip?year=${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.headers.get('transfer-encoding')).toBe('chunked');
    const entries = await readZip(Buffer.from(await again.arrayBuffer()));
    expect(entries.filter((e) => e.name.endsWith('.pdf'))).toHaveLength(PAID);
  });

  it('breaks the download when a receipt cannot be rendered: the client gets an error, not a zip without it', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/accounts/${acme}/receipts.zip?year=${YEAR + 1}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect((await fetch(`${server.baseUrl}/api/v1/health`)).status).toBe(200);
  });
});
