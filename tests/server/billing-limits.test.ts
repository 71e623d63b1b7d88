// Amounts at the input limits bill exactly on both databases; one broken subscription never stops the others (issue 13 §3).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBillingJob } from '../../server/billing/billing.job';
import { runBilling } from '../../server/billing/billing-run';
import { type PaymentProvider, simulatedPaymentProvider } from '../../server/billing/payment-provider';
import * as moneyBigint from '../../server/db/migrations/2026_11_30_0006_money_bigint';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';
import { runCli } from '../helpers/cli';

const START = new Date('2026-03-10T09:00:00Z');
const postgres = Boolean(process.env.DATABASE_URL);

let api: TestApi;
let admin: ReturnType<typeof adminRunner>;
beforeAll(async () => {
  api = await createTestApi({ now: () => START });
  admin = adminRunner(api.db, { now: () => START });
});
afterAll(() => api.close());

const run = (day: string, provider: PaymentProvider = simulatedPaymentProvider) => {
  const at = new Date(`${day}T12:00:00Z`);
  return runBilling(api.db, provider, at, { now: at });
};

async function accountWithSubscription(company: string, currency: string, taxRate: string, seats: number, unitPrice: number) {
  const account = await admin(['account', 'create', ...accountFlags({ company, currency }), '--tax-rate', taxRate, '--json']);
  expect(account.stderr).toBe('');
  const sub = await admin([
    'subscription', 'create', account.json.id, '--product', 'Fastpath Enterprise', '--seats', String(seats),
    '--unit-price', String(unitPrice), '--interval', 'year', '--start', '2026-03-01', '--json',
  ]);
  expect(sub.stderr).toBe('');
  return { accountId: account.json.id as string, subscriptionId: sub.json.id as string };
}

const invoiceOf = (subscriptionId: string) =>
  api.db.selectFrom('invoices').selectAll().where('subscription_id', '=', subscriptionId).orderBy('period_start').orderBy('id').execute();

describe('amounts at the input limits', () => {
  let idr: { accountId: string; subscriptionId: string };
  let limits: { accountId: string; subscriptionId: string };

  beforeAll(async () => {
    // The example: an IDR yearly plan of 50 seats × 100,000,000 minor units, 20 % tax.
    idr = await accountWithSubscription('Nusantara Digital', 'IDR', '20', 50, 100_000_000);
    // Every limit at once: 100,000 seats × 100,000,000 minor units, 100 % tax.
    limits = await accountWithSubscription('Limits Ltd', 'USD', '100', 100_000, 100_000_000);
  });

  it('bills them exactly, beside the demo accounts, with no failure', async () => {
    const result = await run('2026-04-01');
    expect(result.failed).toEqual([]);
    expect(await invoiceOf(idr.subscriptionId)).toMatchObject([{ subtotal: 5_000_000_000, tax: 1_000_000_000, total: 6_000_000_000, currency: 'IDR' }]);
    const [big] = await invoiceOf(limits.subscriptionId);
    expect(big).toMatchObject({ subtotal: 10_000_000_000_000, tax: 10_000_000_000_000, total: 20_000_000_000_000, status: 'paid' });
    // Read back as exact numbers on both databases (pg would give int8 as a string by default).
    expect([typeof big.total, typeof big.subtotal]).toEqual(['number', 'number']);
    const line = await api.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', big.id).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ quantity: 100_000, unit_amount: 100_000_000, amount: 10_000_000_000_000 });
    const globex = await api.accountId('Globex SARL');
    const eur = await api.db.selectFrom('invoices').select('total').where('account_id', '=', globex).where('period_start', '=', '2026-04-01T00:00:00.000Z').execute();
    expect(eur).toHaveLength(1);
  });

  it('serves them through the API as JSON numbers', async () => {
    const [big] = await invoiceOf(limits.subscriptionId);
    const count = await api.db.selectFrom('invoices').select((eb) => eb.fn.countAll().as('n')).where('id', '=', big.id).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });
});

describe('one broken subscription beside healthy ones', () => {
  let broken: string;
  let acme: string;

  beforeAll(async () => {
    acme = await api.accountId('Acme Corp');
    broken = randomUUID();
    // Written around the admin limits (an old row, a hand edit): its total is beyond 2^53 − 1.
    await api.db.insertInto('subscriptions').values({
      id: broken, account_id: acme, product: 'Broken plan', seats: 1_000_000_000, unit_price: 1_000_000_000, currency: 'USD',
      billing_interval: 'month', status: 'active', current_period_start: '2026-04-15T00:00:00.000Z',
      current_period_end: '2026-04-15T00:00:00.000Z', cancel_at_period_end: 0, created_at: START.toISOString(), canceled_at: null,
    }).execute();
  });

  it('bills the healthy ones, and records, audits and names the broken one', async () => {
    const result = await run('2026-05-01');
    expect(result.issued).toBe(3);
    expect(result.failed).toEqual([
      expect.objectContaining({ subscriptionId: broken, accountId: acme, invoiceId: null, periodStart: '2026-04-15T00:00:00.000Z', error: expect.stringMatching(/2\^53/) }),
    ]);
    expect(await invoiceOf(broken)).toEqual([]);
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'billing.failed').where('target', '=', broken).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ account_id: acme, actor_user_id: null, actor_label: 'billing run' });
    expect(JSON.parse(audit[0].after!)).toMatchObject({ periodStart: '2026-04-15T00:00:00.000Z' });
  });

  it('retries it on the next run, and the command exits non-zero naming it while the rest is committed', async () => {
    expect((await run('2026-05-01')).failed.map((f) => f.subscriptionId)).toEqual([broken]);
    const cli = await runCli(api.database, ['billing', 'run', '--at', '2026-06-01']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/3 issued, 2 paid, 0 ended, 1 failed/);
    expect(cli.stderr.trim().split('\n')).toEqual([expect.stringContaining(`subscription ${broken} (account ${acme}) failed for the period from 2026-04-15`)]);
    const audits = await api.db.selectFrom('audit_log').select('id').where('action', '=', 'billing.failed').where('target', '=', broken).execute();
    expect(audits).toHaveLength(3);
    await api.db.deleteFrom('subscriptions').where('id', '=', broken).execute();
  }, 60_000);

  it('contains a charge that throws: the other invoices are paid, the failed one stays open and is charged next time', async () => {
    const throwing: PaymentProvider = {
      async charge(request) {
        if (request.card.last4 === '4242') throw new Error('provider timed out');
        return simulatedPaymentProvider.charge(request);
      },
    };
    const result = await run('2026-07-01', throwing);
    expect(result.issued).toBe(3);
    expect(result.failed).toEqual([expect.objectContaining({ accountId: acme, invoiceId: expect.any(String), error: 'provider timed out' })]);
    const open = await api.db.selectFrom('invoices').select(['id', 'account_id']).where('status', '=', 'open').where('period_start', '=', '2026-07-01T00:00:00.000Z').execute();
    expect(open.map((i) => i.account_id).sort()).toEqual([acme, await api.accountId('Globex SARL')].sort());
    const retry = await run('2026-07-01');
    expect([retry.issued, retry.paid, retry.failed]).toEqual([0, 1, []]);
  });
});

describe('the periodic job', () => {
  it('bills the healthy subscriptions and logs the broken one by name, instead of failing the whole pass', async () => {
    const acme = await api.accountId('Acme Corp');
    const broken = randomUUID();
    await api.db.insertInto('subscriptions').values({
      id: broken, account_id: acme, product: 'Broken plan', seats: 1_000_000_000, unit_price: 1_000_000_000, currency: 'USD',
      billing_interval: 'month', status: 'active', current_period_start: '2026-07-15T00:00:00.000Z',
      current_period_end: '2026-07-15T00:00:00.000Z', cancel_at_period_end: 0, created_at: START.toISOString(), canceled_at: null,
    }).execute();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args.join(' ')));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const job = startBillingJob(api.db, simulatedPaymentProvider, 60, () => new Date('2026-08-01T12:00:00Z'));
      await job.stop();
    } finally {
      spy.mockRestore();
      log.mockRestore();
      await api.db.deleteFrom('subscriptions').where('id', '=', broken).execute();
    }
    expect(errors).toEqual([expect.stringContaining(`billing run: subscription ${broken} (account ${acme}) failed for the period from 2026-07-15`)]);
    const august = await api.db.selectFrom('invoices').select('id').where('period_start', '=', '2026-08-01T00:00:00.000Z').execute();
    expect(august).toHaveLength(3);
  });
});

describe('the money columns on the database', () => {
  it('migrate down to 32 bits and up to 64 again, keeping every amount', async () => {
    const before = await api.db.selectFrom('invoices').select(['id', 'total']).where('total', '<', 2 ** 31).orderBy('id').execute();
    await api.db.deleteFrom('invoice_lines').where('amount', '>=', 2 ** 31).execute();
    await api.db.deleteFrom('invoices').where('total', '>=', 2 ** 31).execute();
    await api.db.deleteFrom('subscriptions').where('unit_price', '>=', 100_000_000).execute();
    await moneyBigint.down(api.db);
    await moneyBigint.up(api.db);
    expect(await api.db.selectFrom('invoices').select(['id', 'total']).orderBy('id').execute()).toEqual(before);
  });

  it.runIf(postgres)('are bigint on PostgreSQL, and a value beyond 2^53 − 1 is refused, never rounded', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in ('subscriptions', 'invoices', 'invoice_lines')
        and column_name in ('seats', 'unit_price', 'subtotal', 'tax', 'total', 'quantity', 'unit_amount', 'amount')
      order by table_name, column_name`.execute(api.db);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.data_type !== 'bigint')).toEqual([]);
    await expect(sql`select 9007199254740993::bigint as n`.execute(api.db)).rejects.toThrow(/2\^53/);
    expect((await sql<{ n: unknown }>`select 9007199254740991::bigint as n`.execute(api.db)).rows[0].n).toBe(Number.MAX_SAFE_INTEGER);
  });
});
