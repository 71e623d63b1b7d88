// Charging card payers' open invoices through the payment provider, one invoice at a time.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { BILLING_RUN_ACTOR, type BillingFailure, messageOf } from './billing-failures';
import { markInvoicePaid } from './mark-paid';
import type { PaymentProvider } from './payment-provider';

/**
 * Charges every open invoice of a card-paying account; safe to repeat (idempotency key = invoice id).
 * Oldest first, then by invoice number, so receipt numbers follow the same order on every database.
 * A charge that throws is returned as a failure and the others go on; a declined card stays open.
 */
export async function collectCardPayments(
  db: Kysely<Database>,
  provider: PaymentProvider,
): Promise<{ paid: number; failed: BillingFailure[] }> {
  const due = await db
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select(['invoices.id', 'invoices.account_id', 'invoices.subscription_id', 'invoices.period_start', 'invoices.issued_at', 'accounts.card_brand', 'accounts.card_last4'])
    .where('invoices.status', '=', 'open')
    .where('accounts.payment_type', '=', 'card')
    .orderBy('invoices.issued_at')
    .orderBy('invoices.number')
    .execute();
  let paid = 0;
  const failed: BillingFailure[] = [];
  for (const inv of due) {
    try {
      // Amount and currency are read per invoice, so one unreadable row fails only itself.
      const { total, currency } = await db.selectFrom('invoices').select(['total', 'currency']).where('id', '=', inv.id).executeTakeFirstOrThrow();
      const result = await provider.charge({
        idempotencyKey: inv.id,
        amount: total,
        currency,
        card: { brand: inv.card_brand, last4: inv.card_last4 },
      });
      if (!result.ok) continue;
      const brand = inv.card_brand ? inv.card_brand[0].toUpperCase() + inv.card_brand.slice(1) : 'Card';
      const text = `${brand} •••• ${inv.card_last4 ?? '????'}`;
      if (await markInvoicePaid(db, inv.id, { paidAt: inv.issued_at, chargeId: result.chargeId, paymentMethodText: text }, { actorUserId: null, actorLabel: BILLING_RUN_ACTOR, action: 'invoice.paid' })) paid++;
    } catch (err) {
      failed.push({ subscriptionId: inv.subscription_id, accountId: inv.account_id, invoiceId: inv.id, periodStart: inv.period_start, error: messageOf(err) });
    }
  }
  return { paid, failed };
}
