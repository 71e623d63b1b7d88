// Invoice rows → the API's invoice, receipt and history shapes.
import type { InvoiceLinesTable, InvoicesTable } from '../db/database';
import type { Invoice, InvoiceSummary, Receipt } from '../../shared/api-types';
import { dueDateOf, type Seller } from '../billing/seller';
import { parseBillTo } from './bill-to';

type SummaryRow = Pick<
  InvoicesTable,
  'id' | 'number' | 'issued_at' | 'period_start' | 'period_end' | 'total' | 'currency' | 'status' | 'paid_at'
>;

export const toInvoiceSummary = (r: SummaryRow): InvoiceSummary => ({
  id: r.id,
  number: r.number,
  issuedAt: r.issued_at,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  total: Number(r.total),
  currency: r.currency,
  status: r.status,
  paidAt: r.paid_at,
});

const toLine = (l: InvoiceLinesTable) => ({
  description: l.description,
  quantity: Number(l.quantity),
  unitAmount: Number(l.unit_amount),
  amount: Number(l.amount),
  periodStart: l.period_start,
  periodEnd: l.period_end,
});

/** The seller block of a receipt as the API and the PDFs print it. */
export const toSellerBlock = (seller: Seller): Receipt['seller'] => ({
  name: seller.legalName,
  address: seller.address,
  email: seller.email,
  vatId: seller.vatId,
});

/** `dueDate` = issue date + the seller's payment terms (UTC days); `payment` only while open. */
export const toInvoice = (r: InvoicesTable, lines: InvoiceLinesTable[], seller: Seller): Invoice => ({
  ...toInvoiceSummary(r),
  subtotal: Number(r.subtotal),
  tax: Number(r.tax),
  taxRateBp: Number(r.tax_rate_bp),
  billTo: parseBillTo(r.bill_to),
  lines: lines.map(toLine),
  receiptNumber: r.receipt_number,
  dueDate: dueDateOf(r.issued_at, seller),
  payment: r.status === 'open' ? { reference: r.number, bank: seller.bank } : null,
});

/** Only for a paid invoice (the caller checks). */
export const toReceipt = (r: InvoicesTable, lines: InvoiceLinesTable[], seller: Seller): Receipt => ({
  receiptNumber: r.receipt_number!,
  invoiceId: r.id,
  invoiceNumber: r.number,
  paidAt: r.paid_at!,
  amount: Number(r.total),
  subtotal: Number(r.subtotal),
  tax: Number(r.tax),
  taxRateBp: Number(r.tax_rate_bp),
  currency: r.currency,
  paymentMethod: r.payment_method_text ? { type: 'card', text: r.payment_method_text } : { type: 'transfer' },
  billTo: parseBillTo(r.bill_to),
  seller: toSellerBlock(seller),
  lines: lines.map(toLine),
  periodStart: r.period_start,
  periodEnd: r.period_end,
});
