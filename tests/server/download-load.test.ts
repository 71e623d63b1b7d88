// Heavy downloads cannot starve the server: one PDF renders at a time with the event loop served between, and each person has a cap.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/demo.seed';
import { RenderQueue, renderQueue } from '../../server/documents/render-queue';
import { DOWNLOADS_AT_ONCE, DownloadGate, downloadGate } from '../../server/http/download-gate';
import { startTestServer } from '../helpers/server';

/** Lets pending callbacks run (no assertion is about time). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('RenderQueue', () => {
  it('runs one render at a time and gives the event loop a turn before each', async () => {
    const queue = new RenderQueue();
    const events: string[] = [];
    // A synchronous "render", like pdfkit's layout.
    const job = (i: number) => () => {
      events.push(`render ${i}`);
      return Promise.resolve(i);
    };
    const done = Promise.all([0, 1, 2, 3].map((i) => queue.run(job(i))));
    // Scheduled after all four were queued: without a turn between renders it would come last.
    setImmediate(() => events.push('other request'));
    expect(await done).toEqual([0, 1, 2, 3]);
    expect(queue.peak).toBe(1);
    expect(events.indexOf('other request')).toBeLessThan(events.indexOf('render 1'));
  });

  it('goes on after a render that failed', async () => {
    const queue = new RenderQueue();
    await expect(queue.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await queue.run(() => Promise.resolve('next'))).toBe('next');
  });
});

describe('DownloadGate', () => {
  it('lets each person have their share in flight, refuses the next with 429 and Retry-After, and frees a slot once', () => {
    const gate = new DownloadGate();
    const held = Array.from({ length: DOWNLOADS_AT_ONCE.pdf }, () => gate.enter('u1', 'pdf'));
    expect(() => gate.enter('u1', 'pdf')).toThrow(expect.objectContaining({ code: 'rate_limited', headers: { 'Retry-After': '1' } }));
    // Another person, and another kind for the same person, are not affected.
    gate.enter('u2', 'pdf')();
    gate.enter('u1', 'zip')();
    held[0]();
    held[0]();
    expect(gate.count('u1', 'pdf')).toBe(DOWNLOADS_AT_ONCE.pdf - 1);
    gate.enter('u1', 'pdf');
    expect(() => gate.enter('u1', 'pdf')).toThrow();
  });
});

describe('every PDF producer goes through the render queue', () => {
  it('pdfkit is used in one module only, and its render is queued', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk('server');
    const users = files.filter((f) => /from 'pdfkit'/.test(readFileSync(f, 'utf8')));
    expect(users).toEqual([join('server', 'documents', 'billing-pdf.ts')]);
    expect(readFileSync(users[0], 'utf8')).toMatch(/export function renderBillingPdf\([^)]*\)[^{]*\{\s*return renderQueue\.run\(/);
  });
});

describe('receipts packs and PDFs over a socket', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let acme: string;
  let globex: string;
  let ada: { token: string; userId: string };
  let chloe: { token: string; userId: string };
  const YEAR = 2033;
  const PAID = 8;

  const signIn = async (email: string) => {
    const res = await fetch(`${server.baseUrl}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    const token = (await res.json()).token as string;
    const { id } = await server.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return { token, userId: id };
  };

  /** Paid invoices of YEAR for `accountId`, copies of its first invoice's bill-to. */
  const paidYear = async (accountId: string, prefix: string) => {
    const db = server.db;
    const sub = await db.selectFrom('subscriptions').select('id').where('account_id', '=', accountId).orderBy('id').executeTakeFirstOrThrow();
    const { bill_to } = await db.selectFrom('invoices').select('bill_to').where('account_id', '=', accountId).orderBy('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: PAID }, (_, i) => {
      const at = new Date(Date.UTC(YEAR, 0, 1) + i * 3_600_000).toISOString();
      const n = `${prefix}${String(i).padStart(5, '0')}`;
      return {
        id: randomUUID(), account_id: accountId, subscription_id: sub.id, number: `FP-${YEAR}-${n}`, issued_at: at, period_start: at, period_end: at,
        subtotal: 1000, tax: 0, tax_rate_bp: 0, total: 1000, currency: 'EUR', status: 'paid' as const, paid_at: at, charge_id: null,
        receipt_number: `RC-${YEAR}-${n}`, payment_method_text: null, bill_to,
      };
    });
    await db.insertInto('invoices').values(rows).execute();
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.db;
    acme = (await db.selectFrom('accounts').select('id').where('company_name', '=', 'Acme Corp').executeTakeFirstOrThrow()).id;
    globex = (await db.selectFrom('accounts').select('id').where('company_name', '=', 'Globex SARL').executeTakeFirstOrThrow()).id;
    await paidYear(acme, '1');
    await paidYear(globex, '2');
    ada = await signIn('ada@acme.test');
    chloe = await signIn('chloe@globex.test');
  });
  afterAll(() => server?.close());

  const get = (path: string, token?: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.baseUrl}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, agent: false }, resolve).on('error', reject);
    });
  const readAll = (res: http.IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await settle();
    expect(check()).toBe(true);
  };

  it("answers /health while one person's packs stream, before they end, rendering one PDF at a time", async () => {
    renderQueue.peak = 0;
    const order: string[] = [];
    const zips = await Promise.all([get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token), get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token)]);
    expect(zips.map((z) => z.statusCode)).toEqual([200, 200]);
    const bodies = zips.map((z, i) => readAll(z).then((b) => (order.push(`zip ${i}`), b)));
    // The first bytes of both are out: the packs are being built now.
    const health = await get('/health');
    order.push('health');
    expect(health.statusCode).toBe(200);
    await readAll(health);
    await Promise.all(bodies);
    expect(order[0]).toBe('health');
    expect(renderQueue.peak).toBe(1);
  });

  it('refuses the third pack of one person with 429 and Retry-After, not another person, and frees a slot when a client hangs up', async () => {
    // Hold the render queue, so every pack stays in flight (however much the socket buffers could take).
    let open!: () => void;
    const blocker = renderQueue.run(() => new Promise<void>((resolve) => (open = resolve)));
    const held = await Promise.all([get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token), get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token)]);
    expect(held.map((r) => r.statusCode)).toEqual([200, 200]);
    const third = await get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token);
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    expect(JSON.parse((await readAll(third)).toString()).code).toBe('rate_limited');

    const other = await get(`/accounts/${globex}/receipts.zip?year=${YEAR}`, chloe.token);
    expect(other.statusCode).toBe(200);
    const otherBody = readAll(other);

    held[0].destroy();
    await until(() => downloadGate.count(ada.userId, 'zip') === 1);
    open();
    await blocker;
    const again = await get(`/accounts/${acme}/receipts.zip?year=${YEAR}`, ada.token);
    expect(again.statusCode).toBe(200);
    await Promise.all([readAll(again), otherBody]);
    held[1].destroy();
    await until(() => downloadGate.count(ada.userId, 'zip') === 0 && downloadGate.count(chloe.userId, 'zip') === 0);
  });

  it('frees a PDF slot once the PDF is sent', async () => {
    const { id } = await server.db.selectFrom('invoices').select('id').where('account_id', '=', acme).where('status', '=', 'paid').orderBy('id').executeTakeFirstOrThrow();
    for (let i = 0; i < DOWNLOADS_AT_ONCE.pdf + 2; i++) {
      const res = await get(`/accounts/${acme}/invoices/${id}/receipt/pdf`, ada.token);
      expect(res.statusCode).toBe(200);
      expect((await readAll(res)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await until(() => downloadGate.count(ada.userId, 'pdf') === 0);
  });
});
