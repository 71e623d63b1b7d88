// The billing run: one invoice per due subscription period, a bill-to snapshot (R8), then card payment.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountsTable, Database, Db, SubscriptionsTable } from '../db/database';
import { nextNumber } from '../db/sequences';
import { isUniqueViolation } from '../db/unique-violation';
import { COLUMN_OF, addressOf, columnValue } from '../accounts/account.mapper';
import { parseRecipients } from '../../shared/invoice-recipients';
import type { BillTo } from '../../shared/api-types';
import type { PaymentProvider } from './payment-provider';
import { invoiceAmounts } from './invoice-amounts';
import { addInterval } from './periods';
import { type BillingFailure, messageOf, recordFailure } from './billing-failures';
import { collectCardPayments } from './card-payments';
import { type InvoiceMailing, queueInvoiceMails } from '../invoices/invoice-delivery';

export { type BillingFailure, describeFailures } from './billing-failures';
export { collectCardPayments } from './card-payments';

/**
 * The account as it stood at `moment`: later Billing page changes undone from their audit entries
 * (newest first). So an invoice shows the details of its billing date even when the run comes late (R8).
 */
export async function accountAsOf(db: Db, account: AccountsTable, moment: string): Promise<AccountsTable> {
  const later = await db
    .selectFrom('audit_log')
    .select(['before'])
    .where('account_id', '=', account.id)
    .where('action', '=', 'billing_page.updated')
    .where('at', '>', moment)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const asOf: Record<string, unknown> = { ...account };
  for (const entry of later) {
    for (const [path, value] of Object.entries(JSON.parse(entry.before ?? '{}'))) {
      const column = COLUMN_OF[path];
      if (column) asOf[column] = columnValue(path, value);
    }
  }
  return asOf as unknown as AccountsTable;
}

export function billToOf(account: AccountsTable): BillTo {
  return {
    companyName: account.company_name,
    contactName: `${account.contact_first_name} ${account.contact_last_name}`,
    email: account.billing_email,
    phone: account.billing_phone,
    vatId: account.billing_vat_id,
    address: addressOf(account, 'billing'),
    invoiceRecipients: parseRecipients(account.invoice_recipients),
  };
}

export interface BillingRunResult {
  issued: number;
  paid: number;
  ended: number;
  /** Each failure is committed as a `billing.failed` audit entry and retried by the next run. */
  failed: BillingFailure[];
}

/** `--at` (or `at`) later than today, UTC: billing from the future would issue invoices before R8's date. */
export class FutureBillingDateError extends RangeError {
  constructor(at: Date, now: Date) {
    super(`Cannot bill as of ${at.toISOString().slice(0, 10)}: it is after today (${now.toISOString().slice(0, 10)}, UTC).`);
  }
}

/**
 * Issues one invoice for the period that starts at `current_period_end`, if nobody else did. The
 * subscription's period moves on with a compare-and-set first, so two runs (threads or processes)
 * cannot both issue it; the unique key (subscription_id, period_start) backs that up in the database.
 */
async function issueNextPeriod(
  db: Kysely<Database>,
  due: { id: string; current_period_end: string },
  mailing: InvoiceMailing | undefined,
): Promise<string | 'ended' | undefined> {
  return db.transaction().execute(async (trx) => {
    // Read inside the transaction (and one row at a time): a row that cannot be read fails only itself.
    const sub: SubscriptionsTable | undefined = await trx.selectFrom('subscriptions').selectAll().where('id', '=', due.id).executeTakeFirst();
    // Someone else billed the period we found due: its next one may not be due yet.
    if (!sub || sub.status !== 'active' || sub.current_period_end !== due.current_period_end) return undefined;
    const periodStart = sub.current_period_end;
    if (sub.cancel_at_period_end === 1) {
      const ended = await trx
        .updateTable('subscriptions')
        .set({ status: 'canceled', canceled_at: periodStart })
        .where('id', '=', sub.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(ended.numUpdatedRows) === 1 ? 'ended' : undefined;
    }
    const periodEnd = addInterval(periodStart, sub.billing_interval);
    const moved = await trx
      .updateTable('subscriptions')
      .set({ current_period_start: periodStart, current_period_end: periodEnd })
      .where('id', '=', sub.id)
      .where('current_period_end', '=', periodStart)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return undefined;
    const account = await trx.selectFrom('accounts').selectAll().where('id', '=', sub.account_id).executeTakeFirstOrThrow();
    // Throws for a row written around the input limits: it must not bill a rounded amount.
    const { subtotal, tax, total } = invoiceAmounts(sub.seats, sub.unit_price, account.tax_rate_bp);
    const invoiceId = randomUUID();
    const year = new Date(periodStart).getUTCFullYear();
    await trx
      .insertInto('invoices')
      .values({
        id: invoiceId,
        account_id: account.id,
        subscription_id: sub.id,
        number: await nextNumber(trx, 'invoice', 'FP', year, 6),
        issued_at: periodStart,
        period_start: periodStart,
        period_end: periodEnd,
        subtotal,
        tax,
        tax_rate_bp: account.tax_rate_bp,
        total,
        currency: sub.currency,
        status: 'open',
        paid_at: null,
        charge_id: null,
        receipt_number: null,
        payment_method_text: null,
        bill_to: JSON.stringify(billToOf(await accountAsOf(trx, account, periodStart))),
      })
      .execute();
    await trx
      .insertInto('invoice_lines')
      .values({
        id: randomUUID(),
        invoice_id: invoiceId,
        position: 1,
        description: sub.product,
        quantity: sub.seats,
        unit_amount: sub.unit_price,
        amount: subtotal,
        period_start: periodStart,
        period_end: periodEnd,
      })
      .execute();
    // R15: the invoice mails exist exactly when the invoice does (same transaction).
    if (mailing) await queueInvoiceMails(trx, invoiceId, 'issued', mailing);
    return invoiceId;
  });
}

/**
 * True when a subscription's transaction lost to another billing run working on the same period: the
 * one-invoice-per-period key refused the second invoice, or the database gave up waiting for the
 * other run's lock (SQLite busy, PostgreSQL serialization failure or deadlock). The other run billed it.
 */
function lostToConcurrentRun(err: unknown): boolean {
  if (isUniqueViolation(err, { index: 'invoices_one_per_period', columns: 'invoices.subscription_id, invoices.period_start' })) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === '40001' || code === '40P01';
}

/**
 * Everything due at `at` (a moment, UTC): ends cancelled subscriptions, issues invoices, charges cards.
 * Idempotent. `at` may not be after today (UTC) as `now` sees it: a FutureBillingDateError, before
 * anything is written. A later moment of today bills only what is due by `now`, never ahead of it.
 * Each subscription is billed in its own transaction: one that fails (an amount beyond the limits, a
 * broken row) is recorded, audited as `billing.failed`, left due for the next run, and returned in
 * `failed`, while every other subscription is billed. With `opts.mailing`, each invoice issued and
 * each card payment queues its mails (R15) in its own transaction; without it (the demo's history,
 * tests of numbering) none are queued.
 */
export async function runBilling(
  db: Kysely<Database>,
  provider: PaymentProvider,
  at: Date,
  opts: { now?: Date; mailing?: InvoiceMailing } = {},
): Promise<BillingRunResult> {
  const now = opts.now ?? new Date();
  if (at.toISOString().slice(0, 10) > now.toISOString().slice(0, 10)) throw new FutureBillingDateError(at, now);
  const asOf = (at.getTime() > now.getTime() ? now : at).toISOString();
  const result: BillingRunResult = { issued: 0, paid: 0, ended: 0, failed: [] };
  const failedIds: string[] = [];
  for (;;) {
    let query = db
      .selectFrom('subscriptions')
      .select(['id', 'account_id', 'current_period_end'])
      .where('status', '=', 'active')
      .where('current_period_end', '<=', asOf);
    if (failedIds.length) query = query.where('id', 'not in', failedIds);
    // Period end, then id: the same order (so the same invoice numbers) on every database.
    const due = await query.orderBy('current_period_end').orderBy('id').limit(500).execute();
    if (due.length === 0) break;
    let progressed = false;
    for (const sub of due) {
      let outcome: string | undefined;
      try {
        outcome = await issueNextPeriod(db, sub, opts.mailing);
      } catch (err) {
        // Another run (another instance, cron beside the job) billed this period first: not a failure.
        if (lostToConcurrentRun(err)) continue;
        const failure = { subscriptionId: sub.id, accountId: sub.account_id, invoiceId: null, periodStart: sub.current_period_end, error: messageOf(err) };
        result.failed.push(failure);
        failedIds.push(sub.id);
        await recordFailure(db, failure, now);
        continue;
      }
      if (outcome === 'ended') result.ended++;
      else if (outcome) result.issued++;
      progressed ||= outcome !== undefined;
    }
    // Another process may be moving the same subscriptions; stop when this pass changed nothing.
    if (!progressed) break;
  }
  const payments = await collectCardPayments(db, provider, opts.mailing);
  result.paid = payments.paid;
  for (const failure of payments.failed) {
    result.failed.push(failure);
    await recordFailure(db, failure, now);
  }
  return result;
}
