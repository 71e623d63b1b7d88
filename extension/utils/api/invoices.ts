// Billing History, invoices, receipts and their documents over the API (holder only): pages, one invoice, its receipt, PDFs, the year's totals, CSV and pack.
import type { Invoice, InvoicePage, InvoiceYearSummary, Receipt } from '../../../shared/api-types';
import { invoicePdfName, receiptPdfName, yearCsvName, yearZipName } from '../../../shared/document-names';
import { request } from './client';

export interface InvoicePageQuery {
  limit?: number;
  cursor?: string | null;
  status?: 'paid' | 'open';
  /** A search in invoice numbers (case-insensitive substring); a complete number finds that invoice. */
  number?: string;
  /** Issue year (UTC). */
  year?: number;
}

/** Per currency (code order): invoiced, paid and open totals of one issue year, minor units. */
export type YearSummary = InvoiceYearSummary;

export type { BankDetails } from '../../../shared/api-types';

/** The invoice as the Invoice page shows it: due date (issue date + payment terms) and, while open, how to pay. */
export type InvoiceDetail = Invoice;

/** A document the browser is to save under `fileName` (shared/document-names.ts). */
export interface DocumentFile {
  fileName: string;
  blob: Blob;
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/invoices`;
const one = (accountId: string, invoiceId: string) => `${base(accountId)}/${encodeURIComponent(invoiceId)}`;

function queryString(query: InvoicePageQuery): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.status) params.set('status', query.status);
  if (query.number) params.set('number', query.number);
  if (query.year !== undefined) params.set('year', String(query.year));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function document(path: string, accept: string, fileName: string): Promise<DocumentFile> {
  return { fileName, blob: await request<Blob>(path, { as: 'blob', headers: { Accept: accept } }) };
}

export const invoicesApi = {
  page: (accountId: string, query: InvoicePageQuery = {}) =>
    request<InvoicePage>(base(accountId) + queryString(query)),
  get: (accountId: string, invoiceId: string) => request<InvoiceDetail>(one(accountId, invoiceId)),
  receipt: (accountId: string, invoiceId: string) => request<Receipt>(`${one(accountId, invoiceId)}/receipt`),
  /** The newest paid invoice, or undefined when nothing has been paid yet. */
  latestPaid: async (accountId: string) =>
    (await request<InvoicePage>(base(accountId) + queryString({ status: 'paid', limit: 1 }))).items[0],
  /** Per currency (code order): invoiced, paid and open totals of the invoices issued in `year` (UTC). */
  summary: (accountId: string, year: number) => request<YearSummary>(`${base(accountId)}/summary?year=${year}`),
  /** The invoice as a PDF; 404 when it is not this account's. */
  invoicePdf: (accountId: string, invoice: { id: string; number: string; issuedAt: string }) =>
    document(`${one(accountId, invoice.id)}/pdf`, 'application/pdf', invoicePdfName(invoice)),
  /** The receipt as a PDF; 409 `no_receipt` while the invoice is unpaid. */
  receiptPdf: (accountId: string, invoice: { id: string; number: string; issuedAt: string }, receiptNumber: string) =>
    document(`${one(accountId, invoice.id)}/receipt/pdf`, 'application/pdf', receiptPdfName(invoice, receiptNumber)),
  /** Every invoice issued in `year` as RFC 4180 CSV. */
  yearCsv: (accountId: string, year: number) =>
    document(`/accounts/${encodeURIComponent(accountId)}/invoices.csv?year=${year}`, 'text/csv', yearCsvName(year)),
  /** Every receipt PDF of `year` plus the year's CSV, in one zip. */
  yearZip: (accountId: string, year: number) =>
    document(`/accounts/${encodeURIComponent(accountId)}/receipts.zip?year=${year}`, 'application/zip', yearZipName(year)),
};
