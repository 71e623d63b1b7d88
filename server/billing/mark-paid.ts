// Marks an open invoice paid and gives it a receipt number (card charge or support confirming a transfer).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { nextNumber } from '../db/sequences';
import { writeAudit } from '../audit/audit.repository';

export interface Payment {
  paidAt: string;
  chargeId: string | null;
  /** "Visa •••• 4242" for cards; null for a bank transfer. */
  paymentMethodText: string | null;
}

/** Who recorded the payment, for the audit entry written in the same transaction (Account activity shows it). */
export interface PaidBy {
  actorUserId: string | null;
  actorLabel: string;
  /** `invoice.paid`: a card charged by the billing run; `invoice.marked_paid`: support confirmed a transfer. */
  action: 'invoice.paid' | 'invoice.marked_paid';
}

/**
 * Marks the invoice paid at `payment.paidAt` with the next receipt number, and audits it (dated
 * `paidAt`) in the same transaction, so a paid invoice always has its entry. False when the invoice
 * was already paid (by another run, or twice-clicked).
 */
export async function markInvoicePaid(db: Kysely<Database>, invoiceId: string, payment: Payment, by: PaidBy): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const year = new Date(payment.paidAt).getUTCFullYear();
    const updated = await trx
      .updateTable('invoices')
      .set({
        status: 'paid',
        paid_at: payment.paidAt,
        charge_id: payment.chargeId,
        payment_method_text: payment.paymentMethodText,
        receipt_number: await nextNumber(trx, 'receipt', 'RC', year, 6),
      })
      .where('id', '=', invoiceId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AlreadyPaid();
    const paid = await trx.selectFrom('invoices').select(['account_id', 'number', 'total', 'currency']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      { actorUserId: by.actorUserId, actorLabel: by.actorLabel, action: by.action, accountId: paid.account_id, target: paid.number, after: { total: paid.total, currency: paid.currency } },
      new Date(payment.paidAt),
    );
    return true;
  }).catch((err) => {
    if (err instanceof AlreadyPaid) return false;
    throw err;
  });
}

class AlreadyPaid extends Error {}
