// Invoice rows → the API's invoice, receipt and history shapes.
import type { InvoiceLinesTable, InvoicesTable } from '../db/database';
import type { Invoice, InvoiceSummary, Receipt } from '../../shared/api-types';
import { SELLER } from '../billing/seller';
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

export const toInvoice = (r: InvoicesTable, lines: InvoiceLinesTable[]): Invoice => ({
  ...toInvoiceSummary(r),
  subtotal: Number(r.subtotal),
  tax: Number(r.tax),
  taxRateBp: Number(r.tax_rate_bp),
  billTo: parseBillTo(r.bill_to),
  lines: lines.map(toLine),
  receiptNumber: r.receipt_number,
});

/** Only for a paid invoice (the caller checks). */
export const toReceipt = (r: InvoicesTable, lines: InvoiceLinesTable[]): Receipt => ({
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
  seller: SELLER,
  lines: lines.map(toLine),
  periodStart: r.period_start,
  periodEnd: r.period_end,
});
