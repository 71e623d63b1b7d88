// How the receipts pack gets one receipt's PDF: f14-pdf's renderer with the operator's seller.
import { receiptPdf } from '../documents/invoice-documents';
import type { Deps } from '../http/env';

/** (accountId, invoiceId) → the receipt PDF's bytes; throws when the invoice is gone or unpaid. */
export type ReceiptRenderer = (accountId: string, invoiceId: string) => Promise<Uint8Array>;

/** The renderer for one request: the seller comes from the settings (SELLER_FILE), read once at start. */
export function receiptRendererFor(deps: Deps): ReceiptRenderer {
  return async (accountId, invoiceId) => {
    const pdf = await receiptPdf(deps.db, deps.config.seller, accountId, invoiceId, deps.logger);
    // Listed as paid a moment ago: gone now means the account was deleted mid-download. Break it.
    if (!pdf) throw new Error(`Invoice ${invoiceId} vanished while its year was being packed`);
    return pdf.bytes;
  };
}
