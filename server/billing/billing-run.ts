// The billing run: one invoice per due subscription period, a bill-to snapshot (R8), then card payment.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountsTable, Database, Db, SubscriptionsTable } from '../db/database';
import { nextNumber } from '../db/sequences';
import { isUniqueViolation } from '../db/unique-violation';
import { COLUMN_OF, addressOf } from '../accounts/account.mapper';
import type { BillTo } from '../../shared/api-types';
import type { PaymentProvider } from './payment-provider';
import { invoiceAmounts } from './invoice-amounts';
import { addInterval } from './periods';
import { BILLING_RUN_ACTOR, type BillingFailure, messageOf, recordFailure } from './billing-failures';
import { collectCardPayments } from './card-payments';
import { writeAudit } from '../audit/audit.repository';

export { type BillingFailure, describeFailures } from './billing-failures';
export { collectCardPayments } from './card-payments';

/**
 * The account as it stood just before `cutoff`: Billing page changes saved at or after it undone from
 * their audit entries (newest first). So an invoice shows the details of its billing date even when the
 * run comes late (R8), and a change saved at the very moment of the cutoff goes to the invoice after,
 * as "changes saved before 1 December 00:00 UTC appear on it" says (and as appliesFromOf decides).
 */
export async function accountAsOf(db: Db, account: AccountsTable, cutoff: string): Promise<AccountsTable> {
  const later = await db
    .selectFrom('audit_log')
    .select(['before'])
    .where('account_id', '=', account.id)
    .where('action', '=', 'billing_page.updated')
    .where('at', '>=', cutoff)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const asOf: Record<string, unknown> = { ...account };
  for (const entry of later) {
    for (const [path, value] of Object.entries(JSON.parse(entry.before ?? '{}'))) {
      const column = COLUMN_OF[path];
      if (column) asOf[column] = value;
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

/** What the next invoice of one subscription holds: the billing run inserts it, the preview shows it. */
export interface InvoiceDraft {
  subscriptionId: string;
  /** The period the invoice bills; its start is the billing date and the R8 cutoff (ISO 8601, UTC). */
  periodStart: string;
  periodEnd: string;
  lines: Array<{ description: string; quantity: number; unitAmount: number; amount: number; periodStart: string; periodEnd: string }>;
  /** Integer minor units of `currency`. */
  subtotal: number;
  tax: number;
  taxRateBp: number;
  total: number;
  currency: string;
  billTo: BillTo;
}

/**
 * The invoice for `sub`'s period that starts at its `current_period_end`: amounts from seats × unit
 * price and the account's tax rate, and the bill-to snapshot of the account as it stood before that
 * moment (R8). The one function both the billing run and `GET …/invoices/upcoming` call, so the
 * preview cannot drift from what is issued. Throws a RangeError for amounts beyond 2^53 − 1.
 */
export async function draftNextInvoice(db: Db, sub: SubscriptionsTable, account: AccountsTable): Promise<InvoiceDraft> {
  const periodStart = sub.current_period_end;
  const periodEnd = addInterval(periodStart, sub.billing_interval);
  // Throws for a row written around the input limits: it must not bill a rounded amount.
  const { subtotal, tax, total } = invoiceAmounts(sub.seats, sub.unit_price, account.tax_rate_bp);
  return {
    subscriptionId: sub.id,
    periodStart,
    periodEnd,
    lines: [{ description: sub.product, quantity: sub.seats, unitAmount: sub.unit_price, amount: subtotal, periodStart, periodEnd }],
    subtotal,
    tax,
    taxRateBp: account.tax_rate_bp,
    total,
    currency: sub.currency,
    billTo: billToOf(await accountAsOf(db, account, periodStart)),
  };
}

/**
 * Issues one invoice for the period that starts at `current_period_end`, if nobody else did. The
 * subscription's period moves on with a compare-and-set first, so two runs (threads or processes)
 * cannot both issue it; the unique key (subscription_id, period_start) backs that up in the database.
 */
async function issueNextPeriod(
  db: Kysely<Database>,
  due: { id: string; current_period_end: string },
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
    // The period moves on first: the write lock is taken before anything else is read.
    const moved = await trx
      .updateTable('subscriptions')
      .set({ current_period_start: periodStart, current_period_end: addInterval(periodStart, sub.billing_interval) })
      .where('id', '=', sub.id)
      .where('current_period_end', '=', periodStart)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return undefined;
    const account = await trx.selectFrom('accounts').selectAll().where('id', '=', sub.account_id).executeTakeFirstOrThrow();
    // `sub` as read above, before its period moved: the draft bills the period starting at its old end.
    const draft = await draftNextInvoice(trx, sub, account);
    const invoiceId = randomUUID();
    const year = new Date(periodStart).getUTCFullYear();
    const number = await nextNumber(trx, 'invoice', 'FP', year, 6);
    await trx
      .insertInto('invoices')
      .values({
        id: invoiceId,
        account_id: account.id,
        subscription_id: sub.id,
        number,
        issued_at: periodStart,
        period_start: periodStart,
        period_end: draft.periodEnd,
        subtotal: draft.subtotal,
        tax: draft.tax,
        tax_rate_bp: draft.taxRateBp,
        total: draft.total,
        currency: draft.currency,
        status: 'open',
        paid_at: null,
        charge_id: null,
        receipt_number: null,
        payment_method_text: null,
        bill_to: JSON.stringify(draft.billTo),
      })
      .execute();
    await trx
      .insertInto('invoice_lines')
      .values(
        draft.lines.map((line, i) => ({
          id: randomUUID(),
          invoice_id: invoiceId,
          position: i + 1,
          description: line.description,
          quantity: line.quantity,
          unit_amount: line.unitAmount,
          amount: line.amount,
          period_start: line.periodStart,
          period_end: line.periodEnd,
        })),
      )
      .execute();
    // Dated like the invoice itself, so Account activity and the invoice tell the same day even when the run comes late.
    await writeAudit(
      trx,
      { actorUserId: null, actorLabel: BILLING_RUN_ACTOR, action: 'invoice.issued', accountId: account.id, target: number, after: { number, total: draft.total, currency: draft.currency } },
      new Date(periodStart),
    );
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
 * `failed`, while every other subscription is billed.
 */
export async function runBilling(
  db: Kysely<Database>,
  provider: PaymentProvider,
  at: Date,
  opts: { now?: Date } = {},
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
        outcome = await issueNextPeriod(db, sub);
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
  const payments = await collectCardPayments(db, provider);
  result.paid = payments.paid;
  for (const failure of payments.failed) {
    result.failed.push(failure);
    await recordFailure(db, failure, now);
  }
  return result;
}
