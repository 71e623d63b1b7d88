// The billing run: one invoice per due subscription period, a bill-to snapshot (R8), then card payment.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountsTable, Database, Db, SubscriptionsTable } from '../db/database';
import { nextNumber } from '../db/sequences';
import { COLUMN_OF, addressOf } from '../accounts/account.mapper';
import type { BillTo } from '../../shared/api-types';
import type { PaymentProvider } from './payment-provider';
import { addInterval } from './periods';
import { markInvoicePaid } from './mark-paid';

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
}

/**
 * Issues one invoice for the period that starts at `current_period_end`, if nobody else did. The
 * subscription's period moves on with a compare-and-set first, so two runs (threads or processes)
 * cannot both issue it; the unique key (subscription_id, period_start) backs that up in the database.
 */
async function issueNextPeriod(db: Kysely<Database>, sub: SubscriptionsTable): Promise<string | 'ended' | undefined> {
  return db.transaction().execute(async (trx) => {
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
    const subtotal = sub.seats * sub.unit_price;
    const tax = Math.round((subtotal * account.tax_rate_bp) / 10_000);
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
        total: subtotal + tax,
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
    return invoiceId;
  });
}

/** Charges every open invoice of a card-paying account; safe to repeat (idempotency key = invoice id). */
export async function collectCardPayments(db: Kysely<Database>, provider: PaymentProvider): Promise<number> {
  const due = await db
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select(['invoices.id', 'invoices.total', 'invoices.currency', 'invoices.issued_at', 'accounts.card_brand', 'accounts.card_last4'])
    .where('invoices.status', '=', 'open')
    .where('accounts.payment_type', '=', 'card')
    .orderBy('invoices.issued_at')
    .execute();
  let paid = 0;
  for (const inv of due) {
    const result = await provider.charge({
      idempotencyKey: inv.id,
      amount: inv.total,
      currency: inv.currency,
      card: { brand: inv.card_brand, last4: inv.card_last4 },
    });
    if (!result.ok) continue;
    const brand = inv.card_brand ? inv.card_brand[0].toUpperCase() + inv.card_brand.slice(1) : 'Card';
    const text = `${brand} •••• ${inv.card_last4 ?? '????'}`;
    if (await markInvoicePaid(db, inv.id, { paidAt: inv.issued_at, chargeId: result.chargeId, paymentMethodText: text })) paid++;
  }
  return paid;
}

/** Everything due at `at`: ends cancelled subscriptions, issues invoices, charges cards. Idempotent. */
export async function runBilling(db: Kysely<Database>, provider: PaymentProvider, at: Date): Promise<BillingRunResult> {
  const result: BillingRunResult = { issued: 0, paid: 0, ended: 0 };
  for (;;) {
    const due = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('current_period_end', '<=', at.toISOString())
      .orderBy('current_period_end')
      .limit(500)
      .execute();
    if (due.length === 0) break;
    let progressed = false;
    for (const sub of due) {
      const outcome = await issueNextPeriod(db, sub);
      if (outcome === 'ended') result.ended++;
      else if (outcome) result.issued++;
      progressed ||= outcome !== undefined;
    }
    // Another process may be moving the same subscriptions; stop when this pass changed nothing.
    if (!progressed) break;
  }
  result.paid = await collectCardPayments(db, provider);
  return result;
}
