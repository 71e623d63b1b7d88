// Billing History by year and number, the yearly totals, the year's CSV and the receipts pack (issue 14).
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPdfName, yearCsvName, yearZipName } from '../../shared/document-names';
import { API_PREFIX } from '../../server/app';
import { createTestApi, type TestApi } from '../helpers/api';
import { readZip } from '../helpers/zip';

let api: TestApi;
let acme: string;
let globex: string;
let t: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;

/** The year the test invoices are issued in: far from the demo's own history. */
const YEAR = 2031;

interface Seeded {
  id: string;
  number: string;
  issuedAt: string;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  status: 'open' | 'paid';
  paidAt: string | null;
  receiptNumber: string | null;
}
const seeded: Seeded[] = [];
let added = 0;

async function addInvoice(accountId: string, o: Partial<Seeded> & { number: string; issuedAt: string }) {
  const sub = await api.db.selectFrom('subscriptions').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
  // The bill-to snapshot of the account's first demo invoice: the receipt PDF prints it.
  const { bill_to } = await api.db.selectFrom('invoices').select('bill_to').where('account_id', '=', accountId).orderBy('id').executeTakeFirstOrThrow();
  const subtotal = o.subtotal ?? 1000;
  const tax = o.tax ?? 200;
  const status = o.status ?? 'paid';
  const row: Seeded = {
    id: randomUUID(),
    number: o.number,
    issuedAt: o.issuedAt,
    currency: o.currency ?? 'EUR',
    subtotal,
    tax,
    total: subtotal + tax,
    status,
    paidAt: status === 'paid' ? (o.paidAt ?? o.issuedAt) : null,
    receiptNumber: status === 'paid' ? (o.receiptNumber ?? `RC-${o.number}`) : null,
  };
  await api.db
    .insertInto('invoices')
    .values({
      id: row.id, account_id: accountId, subscription_id: sub.id, number: row.number, issued_at: row.issuedAt,
      // (subscription, period_start) is unique: a second more per test invoice keeps them apart.
      period_start: new Date(Date.parse(row.issuedAt) + (added++) * 1000).toISOString(),
      period_end: row.issuedAt, subtotal, tax, tax_rate_bp: 2000, total: row.total, currency: row.currency, status,
      paid_at: row.paidAt, charge_id: null, receipt_number: row.receiptNumber, payment_method_text: null, bill_to,
    })
    .execute();
  if (accountId === acme) seeded.push(row);
  return row;
}

const iso = (month: number, day: number, hour = 0) => new Date(Date.UTC(YEAR, month - 1, day, hour)).toISOString();

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  t = await api.signInDemo();
  // A year in three currencies with 0, 2 and 3 decimals, paid and open, with ties on issued_at.
  await addInvoice(acme, { number: `FP-${YEAR}-000001`, issuedAt: iso(1, 1), currency: 'JPY', subtotal: 5000, tax: 500 });
  await addInvoice(acme, { number: `FP-${YEAR}-000002`, issuedAt: iso(2, 1), currency: 'EUR', subtotal: 1999, tax: 400 });
  await addInvoice(acme, { number: `FP-${YEAR}-000003`, issuedAt: iso(3, 1), currency: 'BHD', subtotal: 1234, tax: 123 });
  for (let i = 4; i <= 8; i++) {
    // Five invoices at the same instant: only the id orders them.
    await addInvoice(acme, { number: `FP-${YEAR}-00000${i}`, issuedAt: iso(6, 1), currency: 'EUR', status: i % 2 ? 'open' : 'paid' });
  }
  await addInvoice(acme, { number: `FP-${YEAR}-100000`, issuedAt: iso(11, 1), currency: 'USD', status: 'open' });
  await addInvoice(acme, { number: `FP-${YEAR}-1000001`, issuedAt: iso(12, 31, 23), currency: 'USD' });
  // Text a spreadsheet would run as a formula, as a number could arrive from an import.
  await addInvoice(acme, { number: `=HYPERLINK("http://x.test","FP")`, issuedAt: iso(12, 1), receiptNumber: '@SUM(A1)' });
  // The edges of the year: the instant before belongs to the year before, the first instant of the next year after.
  await addInvoice(acme, { number: `FP-${YEAR - 1}-999999`, issuedAt: new Date(Date.UTC(YEAR, 0, 1) - 1).toISOString() });
  await addInvoice(acme, { number: `FP-${YEAR + 1}-000001`, issuedAt: new Date(Date.UTC(YEAR + 1, 0, 1)).toISOString() });
});
afterAll(() => api.close());

const ofYear = () => seeded.filter((s) => s.issuedAt.startsWith(String(YEAR)));
const history = (query: string, token = t.ada, account = acme) => api.request('GET', `/accounts/${account}/invoices${query}`, { token });
const download = (path: string, token = t.ada) =>
  api.app.request(`${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function allPages(query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await history(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe('Billing History filters', () => {
  it('shows only the invoices issued in the year (UTC), newest first, the edges included', async () => {
    const res = await history(`?year=${YEAR}&limit=100`);
    const numbers = res.body.items.map((i: { number: string }) => i.number);
    expect(numbers).toHaveLength(ofYear().length);
    expect(numbers[0]).toBe(`FP-${YEAR}-1000001`);
    expect(numbers.at(-1)).toBe(`FP-${YEAR}-000001`);
    expect(numbers).not.toContain(`FP-${YEAR - 1}-999999`);
    expect(numbers).not.toContain(`FP-${YEAR + 1}-000001`);
  });

  it.each([
    ['year', `&year=${YEAR}`, (s: Seeded) => s.issuedAt.startsWith(String(YEAR))],
    ['year + status', `&year=${YEAR}&status=open`, (s: Seeded) => s.issuedAt.startsWith(String(YEAR)) && s.status === 'open'],
    ['year + number', `&year=${YEAR}&number=${YEAR}-0000`, (s: Seeded) => s.issuedAt.startsWith(String(YEAR)) && s.number.includes(`${YEAR}-0000`)],
    ['status + number', `&status=paid&number=fp-${YEAR}`, (s: Seeded) => s.status === 'paid' && s.number.includes(`FP-${YEAR}`)],
  ])('pages through %s two at a time: every match once, in the order of one long page', async (_name, query, wanted) => {
    const { ids, pages } = await allPages(query, 2);
    const expected = seeded.filter(wanted);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.map((s) => s.id).sort());
    const oneLongPage = await history(`?limit=100${query}`);
    expect(ids).toEqual(oneLongPage.body.items.map((i: { id: string }) => i.id));
  });

  it('searches numbers as a case-insensitive substring, wildcards taken literally', async () => {
    const found = async (q: string) => (await history(`?limit=100&number=${encodeURIComponent(q)}`)).body.items.map((i: { number: string }) => i.number).sort();
    expect(await found(`fp-${YEAR}-00000`)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `FP-${YEAR}-00000${i}`));
    expect(await found('hyperlink')).toEqual([`=HYPERLINK("http://x.test","FP")`]);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
    expect(await found(`FP_${YEAR}`)).toEqual([]);
  });

  it("finds exactly the invoice a complete number names (the omnibox's receipt lookup), not one that contains it", async () => {
    const res = await history(`?number=fp-${YEAR}-100000&limit=1`);
    expect(res.body.items.map((i: { number: string }) => i.number)).toEqual([`FP-${YEAR}-100000`]);
    expect(res.body.nextCursor).toBeNull();
    // Another account's number finds nothing, exact or not.
    expect((await history(`?number=FP-${YEAR}-100000`, t.chloe, globex)).body.items).toEqual([]);
  });

  // 0x7EA, +2026, %202026 and 2.026e3 are all 2026 to Number(): digits only (queryInteger).
  it.each(['1999', '2101', 'abc', '2026.5', '', '-2026', '0x7EA', '%2B2026', '+2026', '%202026', '2026%20', '2.026e3', '2026.0'])('refuses year=%s with a 400 naming query.year, on every route', async (year) => {
    for (const path of [`/invoices?year=${year}`, `/invoices/summary?year=${year}`, `/invoices.csv?year=${year}`, `/receipts.zip?year=${year}`]) {
      const res = await api.request('GET', `/accounts/${acme}${path}`, { token: t.ada });
      expect(res.status, path).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), path).toContain('query.year');
    }
  });

  it('needs the year for the summary, the CSV and the pack', async () => {
    for (const path of ['/invoices/summary', '/invoices.csv', '/receipts.zip']) {
      const res = await api.request('GET', `/accounts/${acme}${path}`, { token: t.ada });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: 'query.year', message: 'Required' });
    }
  });
});

describe('GET /accounts/:id/invoices/summary', () => {
  it('totals each currency of the year in code order, checked against the invoices', async () => {
    const res = await api.request('GET', `/accounts/${acme}/invoices/summary?year=${YEAR}`, { token: t.ada });
    expect(res.status).toBe(200);
    const currencies = [...new Set(ofYear().map((s) => s.currency))].sort();
    const sum = (xs: Seeded[]) => xs.reduce((n, s) => n + s.total, 0);
    expect(res.body).toEqual({
      year: YEAR,
      totals: currencies.map((currency) => {
        const mine = ofYear().filter((s) => s.currency === currency);
        return {
          currency,
          invoiced: sum(mine),
          paid: sum(mine.filter((s) => s.status === 'paid')),
          open: sum(mine.filter((s) => s.status === 'open')),
          count: mine.length,
        };
      }),
    });
    expect(res.body.totals.map((x: { currency: string }) => x.currency)).toEqual(['BHD', 'EUR', 'JPY', 'USD']);
  });

  it('is empty for a year without invoices, and refuses members (403) and outsiders (404)', async () => {
    expect((await api.request('GET', `/accounts/${acme}/invoices/summary?year=2001`, { token: t.ada })).body).toEqual({ year: 2001, totals: [] });
    expect((await api.request('GET', `/accounts/${acme}/invoices/summary?year=${YEAR}`, { token: t.bob })).status).toBe(403);
    expect((await api.request('GET', `/accounts/${acme}/invoices/summary?year=${YEAR}`, { token: t.chloe })).status).toBe(404);
  });
});

type CsvRow = Record<string, string>;
const parseCsv = (text: string): CsvRow[] => parse(text, { columns: true, bom: true, record_delimiter: '\r\n', relax_quotes: false });

function expectRowsFor(rows: CsvRow[], number = 'Invoice number') {
  expect(rows.map((r) => r[number])).toEqual(
    [...ofYear()].sort((a, b) => (a.issuedAt === b.issuedAt ? (a.id < b.id ? -1 : 1) : a.issuedAt < b.issuedAt ? -1 : 1)).map((s) => (s.number.startsWith('=') ? `'${s.number}` : s.number)),
  );
}

describe('GET /accounts/:id/invoices.csv', () => {
  it('is an RFC 4180 attachment with one row per invoice of the year, amounts with 0, 2 and 3 decimals', async () => {
    const res = await download(`/accounts/${acme}/invoices.csv?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${yearCsvName(YEAR)}"`);
    const text = await res.text();
    expect(text.split('\r\n').at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text);
    expectRowsFor(rows);
    const row = (n: number) => rows.find((r) => r['Invoice number'] === `FP-${YEAR}-00000${n}`)!;
    expect(row(1)).toMatchObject({ Net: '5000', Tax: '500', Total: '5500', Currency: 'JPY', 'Issue date': `${YEAR}-01-01`, Status: 'paid' });
    expect(row(2)).toMatchObject({ Net: '19.99', Tax: '4.00', Total: '23.99', Currency: 'EUR' });
    expect(row(3)).toMatchObject({ Net: '1.234', Tax: '0.123', Total: '1.357', Currency: 'BHD', 'Paid date': `${YEAR}-03-01`, 'Receipt number': `RC-FP-${YEAR}-000003` });
    expect(row(5)).toMatchObject({ Status: 'open', 'Paid date': '', 'Receipt number': '' });
  });

  it('writes text that starts like a formula as text, quotes doubled', async () => {
    const text = await (await download(`/accounts/${acme}/invoices.csv?year=${YEAR}`)).text();
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""FP"")"`);
    const row = parseCsv(text).find((r) => r['Invoice number'].includes('HYPERLINK'))!;
    expect(row['Invoice number']).toBe(`'=HYPERLINK("http://x.test","FP")`);
    expect(row['Receipt number']).toBe(`'@SUM(A1)`);
  });

  it("titles the columns in the account's invoice language", async () => {
    const res = await download(`/accounts/${globex}/invoices.csv?year=${YEAR}`, t.chloe);
    // Buffer keeps the byte order mark that Response.text() would drop.
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFNuméro de facture,')).toBe(true);
    expect(parseCsv(text)).toEqual([]);
  });
});

describe('GET /accounts/:id/receipts.zip', () => {
  it("holds one receipt per paid invoice of the year, named by the shared pattern, and the year's CSV", async () => {
    const res = await download(`/accounts/${acme}/receipts.zip?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${yearZipName(YEAR)}"`);
    const entries = await readZip(Buffer.from(await res.arrayBuffer()));
    const paid = ofYear().filter((s) => s.status === 'paid');
    const pdfs = entries.filter((e) => e.name.endsWith('.pdf'));
    expect(pdfs.map((e) => e.name).sort()).toEqual(paid.map((s) => receiptPdfName({ number: s.number, issuedAt: s.issuedAt }, s.receiptNumber!)).sort());
    expect(pdfs.every((e) => e.data.length > 1000 && e.data.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(entries.map((e) => e.name).at(-1)).toBe(yearCsvName(YEAR));
    expect(entries).toHaveLength(paid.length + 1);
    expectRowsFor(parseCsv(entries.at(-1)!.data.toString('utf8')));
  });

  it('is an empty pack with only the CSV header for a year without invoices', async () => {
    const entries = await readZip(Buffer.from(await (await download(`/accounts/${acme}/receipts.zip?year=2001`)).arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual([yearCsvName(2001)]);
    expect(parseCsv(entries[0].data.toString('utf8'))).toEqual([]);
  });
});
