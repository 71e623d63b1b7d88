// The next invoice before it is issued (issue 16 §3): at each edge date, the preview equals what the billing run then issues.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import type { SubscriptionsTable } from '../../server/db/database';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

let clock = Date.parse('2026-03-10T09:00:00Z');
let api: TestApi;

beforeAll(async () => {
  api = await createTestApi({ now: () => new Date(clock) });
});
afterAll(() => api.close());

const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);
/** A request as a person at `moment`: the API's clock says so, and the session is made then. */
async function as<T>(moment: Date, email: string, fn: (token: string) => Promise<T>): Promise<T> {
  clock = moment.getTime();
  return fn(await tokenFor(api.db, email, moment));
}

interface Sub {
  periodEnd: string;
  interval?: 'month' | 'year';
  currency?: string;
  unitPrice?: number;
  seats?: number;
  cancelled?: boolean;
}

/** A copy of a demo account (card: Acme, held by ada; invoice: Globex, held by chloe) with the given subscriptions. */
async function makeAccount(kind: 'card' | 'invoice', subs: Sub[], taxRateBp?: number) {
  const source = await api.db.selectFrom('accounts').selectAll().where('company_name', '=', kind === 'card' ? 'Acme Corp' : 'Globex SARL').executeTakeFirstOrThrow();
  const id = randomUUID();
  await api.db.insertInto('accounts').values({ ...source, id, company_name: `${source.company_name} ${id.slice(0, 6)}`, tax_rate_bp: taxRateBp ?? source.tax_rate_bp }).execute();
  const holder = await api.db.selectFrom('users').select('id').where('email', '=', kind === 'card' ? 'ada@acme.test' : 'chloe@globex.test').executeTakeFirstOrThrow();
  await api.db.insertInto('memberships').values({ account_id: id, user_id: holder.id, role: 'holder', created_at: '2020-01-01T00:00:00.000Z' }).execute();
  const rows: SubscriptionsTable[] = subs.map((s, i) => ({
    id: randomUUID(), account_id: id, product: `Product ${i + 1}`, seats: s.seats ?? 3, unit_price: s.unitPrice ?? 1999,
    currency: s.currency ?? source.currency, billing_interval: s.interval ?? 'month', status: 'active',
    current_period_start: '2020-01-01T00:00:00.000Z', current_period_end: s.periodEnd, cancel_at_period_end: s.cancelled ? 1 : 0,
    created_at: '2020-01-01T00:00:00.000Z', canceled_at: null,
  }));
  await api.db.insertInto('subscriptions').values(rows).execute();
  return { id, email: kind === 'card' ? 'ada@acme.test' : 'chloe@globex.test', subs: rows };
}

async function patchAt(moment: Date, account: { id: string; email: string }, body: object) {
  await as(moment, account.email, async (token) => {
    const page = await api.request('GET', `/accounts/${account.id}/billing`, { token });
    const res = await api.request('PATCH', `/accounts/${account.id}/billing`, { token, body, headers: { 'if-match': page.headers.get('etag')! } });
    expect(res.status).toBe(200);
  });
}

const preview = (moment: Date, account: { id: string; email: string }) =>
  as(moment, account.email, async (token) => {
    const res = await api.request('GET', `/accounts/${account.id}/invoices/upcoming`, { token });
    expect(res.status).toBe(200);
    return res.body;
  });

/** Runs the billing as of `moment`, then gives what it issued for `sub`'s period starting at `periodStart`. */
async function issued(moment: Date, subId: string, periodStart: string) {
  clock = moment.getTime();
  await runBilling(api.db, simulatedPaymentProvider, moment, { now: moment });
  const inv = await api.db.selectFrom('invoices').selectAll().where('subscription_id', '=', subId).where('period_start', '=', periodStart).executeTakeFirstOrThrow();
  const lines = await api.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', inv.id).orderBy('position').orderBy('id').execute();
  return {
    subscriptionId: subId, periodStart: inv.period_start, periodEnd: inv.period_end,
    lines: lines.map((l) => ({ description: l.description, quantity: Number(l.quantity), unitAmount: Number(l.unit_amount), amount: Number(l.amount), periodStart: l.period_start, periodEnd: l.period_end })),
    subtotal: Number(inv.subtotal), tax: Number(inv.tax), taxRateBp: inv.tax_rate_bp, total: Number(inv.total), currency: inv.currency,
    billTo: JSON.parse(inv.bill_to),
  };
}

/** Takes the account's subscriptions out of later runs, so each case bills only its own dates. */
const retire = (id: string) => api.db.updateTable('subscriptions').set({ status: 'canceled' }).where('account_id', '=', id).execute();

const name = (n: string) => ({ contact: { companyName: n } });

interface Case {
  title: string;
  cutoff: string;
  subs?: Sub[];
  kind?: 'card' | 'invoice';
  taxRateBp?: number;
  /** [ms from the cutoff, body] — saved in this order. */
  changes?: Array<[number, object]>;
  /** ms from the cutoff at which the preview is taken (after every change), and the run. */
  previewAt: number;
  runAt: number;
  /** The company name the invoice must carry, when a change decides it. */
  expectName?: string;
}

const CASES: Case[] = [
  { title: 'month end: 31 January', cutoff: '2025-01-31T00:00:00.000Z', changes: [[-86_400_000, name('Jan Corp')]], previewAt: -1000, runAt: 3_600_000, expectName: 'Jan Corp' },
  { title: 'leap day, billed yearly', cutoff: '2024-02-29T00:00:00.000Z', subs: [{ periodEnd: '2024-02-29T00:00:00.000Z', interval: 'year' }], previewAt: -60_000, runAt: 60_000 },
  { title: 'year end: a change at 23:59:59.999 on 31 December is on the 1 January invoice', cutoff: '2026-01-01T00:00:00.000Z', changes: [[-1, name('New Year Ltd')]], previewAt: -1, runAt: 1, expectName: 'New Year Ltd' },
  { title: 'a change saved exactly at the cutoff goes to the invoice after', cutoff: '2025-05-01T00:00:00.000Z', changes: [[-5000, name('Before Ltd')], [0, name('At Cutoff Ltd')]], previewAt: 0, runAt: 10, expectName: 'Before Ltd' },
  { title: 'one ms before the cutoff is on it', cutoff: '2025-06-01T00:00:00.000Z', changes: [[-1, name('Just In Ltd')]], previewAt: 0, runAt: 0, expectName: 'Just In Ltd' },
  { title: 'one ms after the cutoff is not, even when the run comes a day late', cutoff: '2025-07-01T00:00:00.000Z', changes: [[-10_000, name('On Time Ltd')], [1, name('Too Late Ltd')]], previewAt: 2, runAt: 86_400_000, expectName: 'On Time Ltd' },
  { title: 'an address and e-mail saved just before, then undone just after', cutoff: '2025-08-01T00:00:00.000Z', changes: [[-2, { billing: { email: 'ap@acme.test', address: { line1: '9 Howard St' } } }], [3, { billing: { email: 'billing@acme.test' } }]], previewAt: 5, runAt: 3_600_000 },
  { title: 'a period that ends at 18:30, not midnight', cutoff: '2025-06-15T18:30:00.000Z', subs: [{ periodEnd: '2025-06-15T18:30:00.000Z' }], changes: [[-1, name('Evening Ltd')]], previewAt: -1, runAt: 1, expectName: 'Evening Ltd' },
  { title: 'a cancelled subscription beside a renewing one', cutoff: '2025-09-30T00:00:00.000Z', subs: [{ periodEnd: '2025-09-15T00:00:00.000Z', cancelled: true }, { periodEnd: '2025-09-30T00:00:00.000Z' }], previewAt: -86_400_000 * 20, runAt: 1 },
  { title: 'two subscriptions in two currencies on one date', cutoff: '2025-10-31T00:00:00.000Z', subs: [{ periodEnd: '2025-10-31T00:00:00.000Z', currency: 'JPY', unitPrice: 1500 }, { periodEnd: '2025-10-31T00:00:00.000Z', currency: 'KWD', unitPrice: 12_345 }], taxRateBp: 1750, previewAt: -1, runAt: 1 },
  { title: 'tax rounded half up on a three-decimal currency', cutoff: '2025-11-30T00:00:00.000Z', subs: [{ periodEnd: '2025-11-30T00:00:00.000Z', currency: 'BHD', unitPrice: 333, seats: 7 }], taxRateBp: 1005, previewAt: -1, runAt: 1 },
  { title: 'an invoice payer whose change request support completes 1 ms before the cutoff', cutoff: '2025-12-01T00:00:00.000Z', kind: 'invoice', previewAt: 0, runAt: 1 },
];

describe('the preview is what the billing run then issues (R8)', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      const account = await makeAccount(c.kind ?? 'card', c.subs ?? [{ periodEnd: c.cutoff }], c.taxRateBp);
      for (const [offset, body] of c.changes ?? []) await patchAt(at(c.cutoff, offset), account, body);
      if (c.kind === 'invoice') {
        // Filed a week before, completed by support 1 ms before the cutoff: on this invoice.
        const filed = await as(at(c.cutoff, -7 * 86_400_000), account.email, async (token) => {
          const page = (await api.request('GET', `/accounts/${account.id}/billing`, { token })).body;
          const current = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
          return api.request('POST', `/accounts/${account.id}/change-requests`, {
            token, body: { contactEmail: account.email, current, requested: { ...current, email: 'factures@globex.test' }, details: 'Nouvelle adresse' },
          });
        });
        expect(filed.status).toBe(201);
        const done = await as(at(c.cutoff, -1), 'sam@support.test', (token) =>
          api.request('POST', `/support/change-requests/${filed.body.caseNumber}/complete`, { token, body: {} }));
        expect(done.status).toBe(200);
      }
      const shown = await preview(at(c.cutoff, c.previewAt), account);
      expect(shown.billingDate).toBe(c.cutoff.slice(0, 10));
      expect(shown.cutoff).toBe(c.cutoff);
      // The run's own order for one instant: by subscription id (code points), which numbers the invoices.
      const renewing = account.subs.filter((s) => s.cancel_at_period_end === 0 && s.current_period_end === c.cutoff).sort((a, b) => (a.id < b.id ? -1 : 1));
      const [first, ...others] = await Promise.all(renewing.map((s) => issued(at(c.cutoff, c.runAt), s.id, c.cutoff)));
      const { billTo, ...amounts } = first;
      expect(shown).toMatchObject({ ...amounts, billTo });
      expect(shown.billTo).toEqual(billTo);
      expect(shown.more).toEqual(others.map(({ billTo: _b, ...rest }) => rest));
      if (c.expectName) expect(billTo.companyName).toBe(c.expectName);
      if (c.kind === 'invoice') expect(billTo.email).toBe('factures@globex.test');
      const cancelled = account.subs.find((s) => s.cancel_at_period_end === 1);
      if (cancelled) {
        expect(await api.db.selectFrom('invoices').select('id').where('subscription_id', '=', cancelled.id).execute()).toEqual([]);
      }
      await retire(account.id);
    });
  }
});

describe('GET /accounts/{id}/invoices/upcoming', () => {
  it('says when nothing will be issued: every subscription ends at its period end', async () => {
    const account = await makeAccount('card', [{ periodEnd: '2026-04-01T00:00:00.000Z', cancelled: true }]);
    const shown = await preview(at('2026-03-10T09:00:00.000Z'), account);
    expect(shown).toMatchObject({ billingDate: null, cutoff: null, lines: [], total: null, currency: null, more: [], changeRequest: null });
    expect(shown.billTo.companyName).toMatch(/^Acme Corp /);
  });

  it('tells an invoice payer which invoice a case filed now would first reach, completed by its expected date', async () => {
    // Filed Tuesday 10 March 2026: expected by Thursday 19 March, before the 1 April cutoff.
    const early = await makeAccount('invoice', [{ periodEnd: '2026-04-01T00:00:00.000Z' }]);
    expect((await preview(at('2026-03-10T09:00:00.000Z'), early)).changeRequest).toEqual({ expectedBy: '2026-03-19', reaches: '2026-04-01' });
    // Filed Friday 27 March: expected by Tuesday 7 April, after the 1 April cutoff, so the 1 May invoice.
    expect((await preview(at('2026-03-27T09:00:00.000Z'), early)).changeRequest).toEqual({ expectedBy: '2026-04-07', reaches: '2026-05-01' });
    await retire(early.id);
  });

  it('is for the holder only: a member gets 403, anyone else 404', async () => {
    clock = Date.parse('2026-03-10T09:00:00Z');
    const acme = await api.accountId('Acme Corp');
    const [bob, chloe] = await Promise.all(['bob@acme.test', 'chloe@globex.test'].map((e) => tokenFor(api.db, e, new Date(clock))));
    expect((await api.request('GET', `/accounts/${acme}/invoices/upcoming`, { token: bob })).status).toBe(403);
    expect((await api.request('GET', `/accounts/${acme}/invoices/upcoming`, { token: chloe })).status).toBe(404);
  });
});
