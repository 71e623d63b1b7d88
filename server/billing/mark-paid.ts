// Marks an open invoice paid and gives it a receipt number (card charge or support confirming a transfer).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { nextNumber } from '../db/sequences';
import { type InvoiceMailing, queueInvoiceMails } from '../invoices/invoice-delivery';

export interface Payment {
  paidAt: string;
  chargeId: string | null;
  /** "Visa •••• 4242" for cards; null for a bank transfer. */
  paymentMethodText: string | null;
}

/**
 * False when the invoice was already paid (by another run, or twice-clicked). With `mailing`, the
 * receipt mails (R15) are queued in the same transaction: they exist exactly when the payment does.
 */
export async function markInvoicePaid(db: Kysely<Database>, invoiceId: string, payment: Payment, mailing?: InvoiceMailing): Promise<boolean> {
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
    if (mailing) await queueInvoiceMails(trx, invoiceId, 'paid', mailing);
    return true;
  }).catch((err) => {
    if (err instanceof AlreadyPaid) return false;
    throw err;
  });
}

class AlreadyPaid extends Error {}
