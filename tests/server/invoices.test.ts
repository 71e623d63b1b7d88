// Billing History, invoices and receipts through the API: holder only (R4), keyset paging, receipts (R10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let acme: string;
let globex: string;
let t: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  t = await api.signInDemo();
});
afterAll(() => api.close());

const history = (account: string, token: string | undefined, query = '') =>
  api.request('GET', `/accounts/${account}/invoices${query}`, { token });

describe('GET /accounts/:id/invoices', () => {
  it('gives the holder a year of paid history, newest first, 20 to a page', async () => {
    const res = await history(acme, t.ada);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(13);
    expect(res.body.nextCursor).toBeNull();
    const issued = res.body.items.map((i: { issuedAt: string }) => i.issuedAt);
    expect(issued).toEqual([...issued].sort().reverse());
    expect(res.body.items.every((i: { status: string; number: string }) => i.status === 'paid' && /^FP-\d{4}-\d{6}$/.test(i.number))).toBe(true);
    expect(res.body.items[0]).toMatchObject({ total: 6000, currency: 'USD' });
  });

  it('refuses members with 403, outsiders and support with 404, strangers with 401 (R4)', async () => {
    expect((await history(acme, t.bob)).body.code).toBe('not_account_holder');
    expect((await history(acme, t.chloe)).status).toBe(404);
    expect((await history(acme, t.sam)).status).toBe(404);
    expect((await history(acme, undefined)).status).toBe(401);
  });

  it('filters to paid invoices (the latest receipt) or to one invoice number', async () => {
    const open = await history(globex, t.chloe, '?status=open');
    expect(open.body.items.map((i: { status: string }) => i.status)).toEqual(['open']);
    const [latestPaid] = (await history(globex, t.chloe, '?status=paid&limit=1')).body.items;
    expect(latestPaid.status).toBe('paid');
    expect(latestPaid.issuedAt < open.body.items[0].issuedAt).toBe(true);
    const byNumber = await history(globex, t.chloe, `?number=${latestPaid.number.toLowerCase()}`);
    expect(byNumber.body.items).toEqual([latestPaid]);
    expect((await history(acme, t.ada, `?number=${latestPaid.number}`)).body.items).toEqual([]);
    expect((await history(acme, t.ada, '?status=void')).status).toBe(400);
  });

  it.each(['?limit=0', '?limit=101', '?limit=abc', '?limit=2.5', '?cursor=garbage', '?cursor=WyJ4IiwieSJd', '?page=2'])(
    'refuses %s with 400',
    async (query) => {
      const res = await history(acme, t.ada, query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_request');
      expect(res.body.errors[0].path).toMatch(/^query\./);
    },
  );

  it('pages through 3+ pages with no gap or duplicate while a new invoice is issued in between', async () => {
    const seen: string[] = [];
    const first = await history(acme, t.ada, '?limit=4');
    seen.push(...first.body.items.map((i: { id: string }) => i.id));
    // The next month's run issues a newer invoice between page 1 and page 2.
    const next = await api.db.selectFrom('subscriptions').select('current_period_end').where('account_id', '=', acme).executeTakeFirstOrThrow();
    const billingDate = new Date(next.current_period_end);
    await runBilling(api.db, simulatedPaymentProvider, billingDate, { now: billingDate });
    let cursor = first.body.nextCursor;
    let pages = 1;
    while (cursor) {
      const page = await history(acme, t.ada, `?limit=4&cursor=${cursor}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(13);
    expect((await history(acme, t.ada, '?limit=100')).body.items).toHaveLength(14);
  });
});

describe('GET /accounts/:id/invoices/:invoiceId and its receipt', () => {
  it('shows one invoice with its lines and bill-to snapshot', async () => {
    const [latest] = (await history(acme, t.ada, '?limit=1')).body.items;
    const res = await api.request('GET', `/accounts/${acme}/invoices/${latest.id}`, { token: t.ada });
    expect(res.status).toBe(200);
    expect(res.body.lines).toEqual([
      expect.objectContaining({ description: 'Fastpath Business', quantity: 5, unitAmount: 1200, amount: 6000 }),
    ]);
    expect(res.body.billTo).toMatchObject({ companyName: 'Acme Corp', email: 'billing@acme.test', address: { line2: 'Suite 200' } });
    // Paid: a due date (issue date + the seller's 30 days), nothing left to pay.
    const due = new Date(`${latest.issuedAt.slice(0, 10)}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    expect(res.body.dueDate).toBe(due.toISOString().slice(0, 10));
    expect(res.body.payment).toBeNull();
  });

  it('tells how to pay an open invoice: the seller\'s bank details and the invoice number as reference', async () => {
    const [open] = (await history(globex, t.chloe, '?limit=1&status=open')).body.items;
    const res = await api.request('GET', `/accounts/${globex}/invoices/${open.id}`, { token: t.chloe });
    expect(res.body.payment).toEqual({
      reference: open.number,
      bank: { accountHolder: 'Fastpath Inc.', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    });
    expect(res.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives the receipt of a paid invoice with its own number and the card as printed', async () => {
    const [latest] = (await history(acme, t.ada, '?limit=1')).body.items;
    const res = await api.request('GET', `/accounts/${acme}/invoices/${latest.id}/receipt`, { token: t.ada });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      invoiceNumber: latest.number,
      amount: 6000,
      currency: 'USD',
      paymentMethod: { type: 'card', text: 'Visa •••• 4242' },
      seller: { name: 'Fastpath Inc.' },
    });
    expect(res.body.receiptNumber).toMatch(/^RC-\d{4}-\d{6}$/);
  });

  it('answers 409 no_receipt for an unpaid invoice, until support marks it paid', async () => {
    const [open] = (await history(globex, t.chloe, '?limit=1')).body.items;
    expect(open.status).toBe('open');
    const before = await api.request('GET', `/accounts/${globex}/invoices/${open.id}/receipt`, { token: t.chloe });
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('no_receipt');
    expect((await api.request('POST', `/support/invoices/${open.id}/mark-paid`, { token: t.chloe })).body.code).toBe('not_support_staff');
    const marked = await api.request('POST', `/support/invoices/${open.id}/mark-paid`, { token: t.sam });
    expect(marked.status).toBe(200);
    expect(marked.body.status).toBe('paid');
    // Staff get the summary only, as for the search: no bill-to, no lines (issue 17, least data).
    expect(marked.body.billTo).toBeUndefined();
    expect(marked.body.lines).toBeUndefined();
    expect((await api.request('POST', `/support/invoices/${open.id}/mark-paid`, { token: t.sam })).status).toBe(409);
    const after = await api.request('GET', `/accounts/${globex}/invoices/${open.id}/receipt`, { token: t.chloe });
    expect(after.status).toBe(200);
    expect(after.body.paymentMethod).toEqual({ type: 'transfer' });
  });

  it("never shows another account's invoice, even to a holder", async () => {
    const [acmeInvoice] = (await history(acme, t.ada, '?limit=1')).body.items;
    for (const path of [`/accounts/${globex}/invoices/${acmeInvoice.id}`, `/accounts/${globex}/invoices/${acmeInvoice.id}/receipt`]) {
      expect((await api.request('GET', path, { token: t.chloe })).status).toBe(404);
    }
    expect((await api.request('GET', `/accounts/${acme}/invoices/${acmeInvoice.id}/receipt`, { token: t.bob })).status).toBe(403);
  });
});
