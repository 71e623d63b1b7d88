// Every path that issues or pays an invoice for real queues its mails (R15): the server's billing job and `npm run billing run`.
// (Support's mark-paid: invoice-mails.test.ts and invoice-mail-crash.test.ts; the demo's history queues none.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBillingJob } from '../../server/billing/billing.job';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { createTestApi, type TestApi } from '../helpers/api';
import { runCli } from '../helpers/cli';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

/** Makes the account's subscription due yesterday, so the next run issues one invoice for it. */
async function dueYesterday(company: string) {
  const account = await api.accountId(company);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await api.db.updateTable('subscriptions').set({ current_period_end: `${yesterday}T00:00:00.000Z` }).where('account_id', '=', account).execute();
  return account;
}
const mailsTo = (address: string) => api.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', address).orderBy('created_at').orderBy('id').execute();

it("the server's billing job, given the seller, queues the invoice mail and the card receipt's", async () => {
  await dueYesterday("Bob's Bikes");
  const job = startBillingJob(api.db, simulatedPaymentProvider, 60, () => new Date(), { seller: api.database.config.seller });
  await job.stop(); // waits for the pass it started
  const mails = await mailsTo('accounts@bobsbikes.test');
  expect(mails.map((m) => JSON.parse(m.attachment!).kind).sort()).toEqual(['invoice', 'receipt']);
  expect(mails.every((m) => m.content_language === 'en')).toBe(true);
});

it('`npm run billing run` queues the invoice mails for the API servers to send', async () => {
  await dueYesterday('Globex SARL');
  const run = await runCli(api.database, ['billing', 'run']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const mails = await mailsTo('compta@globex.test');
  expect(mails).toHaveLength(1);
  expect(mails[0]).toMatchObject({ content_language: 'fr', sent_at: null });
  expect(mails[0].subject).toMatch(/^Facture FP-\d{4}-\d{6} de Fastpath\u00a0: /);
  expect(JSON.parse(mails[0].attachment!)).toMatchObject({ kind: 'invoice' });
});
