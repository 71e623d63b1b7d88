// How the receipts pack gets one receipt's PDF: PLACEHOLDER until f14-pdf's renderer is merged.
import type { Deps } from '../http/env';

/** (accountId, invoiceId) → the receipt PDF's bytes; throws when the invoice is gone or unpaid. */
export type ReceiptRenderer = (accountId: string, invoiceId: string) => Promise<Uint8Array>;

export function receiptRendererFor(deps: Deps): ReceiptRenderer {
  return async (accountId, invoiceId) => {
    const row = await deps.db.selectFrom('invoices').select(['number', 'receipt_number']).where('id', '=', invoiceId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row?.receipt_number) throw new Error(`No receipt for invoice ${invoiceId}`);
    // 40 KB, about a real receipt's size, so backpressure and memory behave as they will.
    return new TextEncoder().encode(`%PDF-1.7 placeholder ${row.number} ${row.receipt_number}\n`.padEnd(40_000, '.'));
  };
}
