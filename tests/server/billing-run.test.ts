// The billing run: idempotent, safe when two run at once, and bill-to snapshots that obey R8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FutureBillingDateError, runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { createTestApi, type TestApi } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
let acme: string;
let ada: string;

/**
 * The API's clock: a fixed day in the past unless a test sets it, so every billing date these tests
 * reach is before today (the run refuses a date after today, issue 13 §4) and the CLI can run it too.
 */
const START = Date.parse('2026-03-10T09:00:00Z');
let clock = START;

beforeAll(async () => {
  api = await createTestApi({ now: () => new Date(clock) });
  acme = await api.accountId('Acme Corp');
  ada = await api.signIn('ada@acme.test');
});
afterAll(() => api.close());

const countInvoices = async () =>
  Number((await api.db.selectFrom('invoices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const nextBillingDate = async () => (await api.request('GET', `/accounts/${acme}/billing`, { token: ada })).body.nextBillingDate as string;
const latestInvoice = async () => {
  const [summary] = (await api.request('GET', `/accounts/${acme}/invoices?limit=1`, { token: ada })).body.items;
  return (await api.request('GET', `/accounts/${acme}/invoices/${summary.id}`, { token: ada })).body;
};
const saveBilling = async (billing: object, token = ada) => {
  const page = await api.request('GET', `/accounts/${acme}/billing`, { token });
  const res = await api.request('PATCH', `/accounts/${acme}/billing`, { token, body: { billing }, headers: { 'if-match': page.headers.get('etag')! } });
  expect(res.status).toBe(200);
};

describe('runBilling', () => {
  it('issues nothing more when run again for the same moment', async () => {
    const before = await countInvoices();
    const again = await runBilling(api.db, simulatedPaymentProvider, new Date(START));
    expect(again).toEqual({ issued: 0, paid: 0, ended: 0, failed: [] });
    expect(await countInvoices()).toBe(before);
  });

  it('issues each period once when two runs in one process race for the same month', async () => {
    const at = new Date(`${await nextBillingDate()}T12:00:00Z`);
    const before = await countInvoices();
    const [a, b] = await Promise.all([runBilling(api.db, simulatedPaymentProvider, at), runBilling(api.db, simulatedPaymentProvider, at)]);
    expect(a.issued + b.issued).toBe(3);
    expect(await countInvoices()).toBe(before + 3);
  });

  it('issues each period once when two `npm run billing` processes race for the same month', async () => {
    const date = await nextBillingDate();
    const before = await countInvoices();
    const runs = await Promise.all([1, 2].map(() => runCli(api.database, ['billing', 'run', '--at', date])));
    expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
    const issued = runs.map((r) => Number(/(\d+) issued/.exec(r.stdout)?.[1]));
    expect(issued[0] + issued[1]).toBe(3);
    expect(await countInvoices()).toBe(before + 3);
    const perPeriod = await api.db
        .selectFrom('invoices')
        .select(['subscription_id', 'period_start', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['subscription_id', 'period_start'])
      .execute();
    expect(perPeriod.every((r) => Number(r.n) === 1)).toBe(true);
    const paid = await api.db.selectFrom('invoices').select('receipt_number').where('status', '=', 'paid').execute();
    expect(new Set(paid.map((r) => r.receipt_number)).size).toBe(paid.length);
  }, 60_000);

  it('puts a billing change saved before the next billing date on that invoice (R8)', async () => {
    await saveBilling({ address: { line1: '2 Mission St', line2: null } });
    await runBilling(api.db, simulatedPaymentProvider, new Date(`${await nextBillingDate()}T00:00:00Z`));
    expect((await latestInvoice()).billTo.address).toMatchObject({ line1: '2 Mission St', line2: null });
  });

  it('keeps a change saved after the billing date off that invoice, even when the run comes late (R8)', async () => {
    const billingDate = await nextBillingDate();
    // The billing date has passed; the change lands an hour later, before the run has issued the invoice.
    clock = Date.parse(`${billingDate}T01:00:00Z`);
    try {
      await saveBilling({ email: 'late@acme.test' }, await tokenFor(api.db, 'ada@acme.test', new Date(clock)));
    } finally {
      clock = START;
    }
    await runBilling(api.db, simulatedPaymentProvider, new Date(`${billingDate}T02:00:00Z`));
    const issued = await latestInvoice();
    expect(issued.periodStart.slice(0, 10)).toBe(billingDate);
    expect(issued.billTo.email).not.toBe('late@acme.test');
    await runBilling(api.db, simulatedPaymentProvider, new Date(`${await nextBillingDate()}T00:00:00Z`));
    expect((await latestInvoice()).billTo.email).toBe('late@acme.test');
  });

  it('leaves issued invoices as they were when a change is saved after them (R8)', async () => {
    const issued = await latestInvoice();
    const everyBillTo = async () => (await api.db.selectFrom('invoices').select(['id', 'bill_to']).orderBy('id').execute());
    const snapshotBefore = await everyBillTo();
    await saveBilling({ address: { line1: '3 Folsom St' }, email: 'ap@acme.test' });
    expect((await latestInvoice()).billTo).toEqual(issued.billTo);
    expect(await everyBillTo()).toEqual(snapshotBefore);
    await runBilling(api.db, simulatedPaymentProvider, new Date(`${await nextBillingDate()}T00:00:00Z`));
    expect((await latestInvoice()).billTo).toMatchObject({ email: 'ap@acme.test', address: { line1: '3 Folsom St' } });
  });
});

describe('nothing is billed from the future (issue 13 §4)', () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  it('runBilling refuses a moment after today (UTC) before writing anything', async () => {
    const before = await countInvoices();
    const now = new Date(`${today()}T10:00:00Z`);
    await expect(runBilling(api.db, simulatedPaymentProvider, new Date(`${tomorrow()}T23:59:59.999Z`), { now })).rejects.toThrow(FutureBillingDateError);
    await expect(runBilling(api.db, simulatedPaymentProvider, new Date(`${tomorrow()}T00:00:00Z`), { now })).rejects.toThrow(/after today/);
    expect(await countInvoices()).toBe(before);
  });

  it('`billing run --at` tomorrow exits 2 with one line, and issues nothing', async () => {
    const before = await countInvoices();
    const run = await runCli(api.database, ['billing', 'run', '--at', tomorrow()]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Cannot bill as of ${tomorrow()}: it is after today`))]);
    expect(run.stdout).toBe('');
    expect(await countInvoices()).toBe(before);
  }, 60_000);

  it('a later hour of today bills only what is due by now, never ahead of the clock', async () => {
    const due = await nextBillingDate();
    const now = new Date(`${due}T00:00:00Z`);
    const sub = await api.db.selectFrom('subscriptions').select('id').where('account_id', '=', acme).executeTakeFirstOrThrow();
    // Due at 18:00 on the day the clock says 00:00: the end of that day is not yet.
    await api.db.updateTable('subscriptions').set({ current_period_end: `${due}T18:00:00.000Z` }).where('id', '=', sub.id).execute();
    try {
      const before = await countInvoices();
      const r = await runBilling(api.db, simulatedPaymentProvider, new Date(`${due}T23:59:59.999Z`), { now });
      expect(await countInvoices()).toBe(before + r.issued);
      const acmeInvoice = await api.db.selectFrom('invoices').select('id').where('subscription_id', '=', sub.id).where('period_start', '=', `${due}T18:00:00.000Z`).executeTakeFirst();
      expect(acmeInvoice).toBeUndefined();
    } finally {
      await api.db.updateTable('subscriptions').set({ current_period_end: `${due}T00:00:00.000Z` }).where('id', '=', sub.id).execute();
    }
  });
});
