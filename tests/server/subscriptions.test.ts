// Subscriptions: holder lists, cancels at period end and resumes (R11); a cancelled one stops being billed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let acme: string;
let ada: string;
let bob: string;
let chloe: string;

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  [ada, bob, chloe] = await Promise.all(['ada@acme.test', 'bob@acme.test', 'chloe@globex.test'].map((e) => api.signIn(e)));
});
afterAll(() => api.close());

const list = (token: string) => api.request('GET', `/accounts/${acme}/subscriptions`, { token });
const act = (sid: string, action: 'cancel' | 'resume', token = ada) =>
  api.request('POST', `/accounts/${acme}/subscriptions/${sid}/${action}`, { token });

describe('subscriptions', () => {
  it('lists the active subscription for the holder only', async () => {
    const res = await list(ada);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ product: 'Fastpath Business', seats: 5, unitPrice: 1200, interval: 'month', status: 'active', cancelAtPeriodEnd: false }),
    ]);
    expect((await list(bob)).status).toBe(403);
    expect((await list(chloe)).status).toBe(404);
  });

  it('cancels at period end, resumes, and refuses members', async () => {
    const [sub] = (await list(ada)).body.items;
    expect((await act(sub.id, 'cancel', bob)).body.code).toBe('not_account_holder');
    const cancelled = await act(sub.id, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const billing = await api.request('GET', `/accounts/${acme}/billing`, { token: ada });
    expect(billing.body.nextBillingDate).toBeNull();
    expect((await act(sub.id, 'resume')).body.cancelAtPeriodEnd).toBe(false);
  });

  it('stops billing a cancelled subscription once its period ends, and it cannot be resumed then', async () => {
    const [sub] = (await list(ada)).body.items;
    await act(sub.id, 'cancel');
    const invoicesBefore = (await api.request('GET', `/accounts/${acme}/invoices?limit=100`, { token: ada })).body.items.length;
    // The clock has moved on past the period end (the run refuses a date after today).
    const later = new Date(Date.parse(sub.currentPeriodEnd) + 40 * 86_400_000);
    const result = await runBilling(api.db, simulatedPaymentProvider, later, { now: later });
    expect(result.ended).toBe(1);
    expect((await api.request('GET', `/accounts/${acme}/invoices?limit=100`, { token: ada })).body.items).toHaveLength(invoicesBefore);
    expect((await list(ada)).body.items[0].status).toBe('canceled');
    const resume = await act(sub.id, 'resume');
    expect(resume.status).toBe(409);
    expect(resume.body.code).toBe('subscription_ended');
  });

  it('does not find a subscription through another account', async () => {
    const globex = await api.accountId('Globex SARL');
    const [sub] = (await list(ada)).body.items;
    expect((await api.request('POST', `/accounts/${globex}/subscriptions/${sub.id}/cancel`, { token: chloe })).status).toBe(404);
  });
});
