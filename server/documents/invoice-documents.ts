// An account's invoice or receipt as a named PDF: loads the invoice, picks the account's invoice language, renders.
import { invoicePdfName, receiptPdfName } from '../../shared/document-names';
import type { Seller } from '../billing/seller';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { invoiceLanguageOf } from '../invoices/invoice-language';
import { toInvoice, toReceipt } from '../invoices/invoice.mapper';
import { findInvoice, findInvoiceLines } from '../invoices/invoice.repository';
import type { Logger } from '../observability/logger';
import { renderBillingPdf } from './billing-pdf';
import { codePointLabel } from './printable';

/**
 * A warning naming the invoice and the code points a document printed as U+FFFD (a bill-to stored
 * before the printable rule): operators see it, the customer sees the marker, nothing is dropped.
 */
function replacedWarning(log: Pick<Logger, 'warn'> | undefined, kind: 'invoice' | 'receipt', number: string) {
  return (characters: string[]) =>
    log?.warn(
      { event: 'document.unprintable', kind, invoice: number, codePoints: characters.map(codePointLabel) },
      'billing document printed characters its font cannot draw as U+FFFD',
    );
}

export interface NamedPdf {
  /** shared/document-names.ts: `2026-11-01_FP-2026-000031_invoice.pdf`, `…_receipt_RC-2026-000021.pdf`. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * The invoice's PDF, paid or open (an open one shows its due date and how to pay), in the account's
 * invoice language. undefined when the invoice is not this account's (→ 404 by the caller; R4/R10).
 */
export async function invoicePdf(
  db: Db, seller: Seller, accountId: string, invoiceId: string, log?: Pick<Logger, 'warn'>,
): Promise<NamedPdf | undefined> {
  const row = await findInvoice(db, accountId, invoiceId);
  if (!row) return undefined;
  const [lines, language] = await Promise.all([findInvoiceLines(db, invoiceId), invoiceLanguageOf(db, accountId)]);
  const invoice = toInvoice(row, lines, seller);
  const paymentMethod = row.status === 'paid' ? toReceipt(row, lines, seller).paymentMethod : null;
  const bytes = await renderBillingPdf({ kind: 'invoice', language, invoice, seller, paymentMethod, onReplaced: replacedWarning(log, 'invoice', invoice.number) });
  return { fileName: invoicePdfName(invoice), bytes };
}

/**
 * The receipt PDF of a paid invoice (receipt number, paid date, payment method), in the account's
 * invoice language. undefined when not found; throws ApiError('no_receipt') (409) when unpaid.
 */
export async function receiptPdf(
  db: Db, seller: Seller, accountId: string, invoiceId: string, log?: Pick<Logger, 'warn'>,
): Promise<NamedPdf | undefined> {
  const row = await findInvoice(db, accountId, invoiceId);
  if (!row) return undefined;
  if (row.status !== 'paid' || !row.receipt_number) throw new ApiError('no_receipt', `Invoice ${row.number} is not paid yet.`);
  const [lines, language] = await Promise.all([findInvoiceLines(db, invoiceId), invoiceLanguageOf(db, accountId)]);
  const invoice = toInvoice(row, lines, seller);
  const { paymentMethod } = toReceipt(row, lines, seller);
  const bytes = await renderBillingPdf({ kind: 'receipt', language, invoice, seller, paymentMethod, onReplaced: replacedWarning(log, 'receipt', invoice.number) });
  return { fileName: receiptPdfName(invoice, row.receipt_number), bytes };
}
