// Billing History and receipts over the API (holder only): one page of invoices, one invoice, its receipt.
import type { Invoice, InvoicePage, Receipt } from '../../../shared/api-types';
import { request } from './client';

export interface InvoicePageQuery {
  limit?: number;
  cursor?: string | null;
  status?: 'paid' | 'open';
  number?: string;
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/invoices`;

function queryString(query: InvoicePageQuery): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.status) params.set('status', query.status);
  if (query.number) params.set('number', query.number);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const invoicesApi = {
  page: (accountId: string, query: InvoicePageQuery = {}) =>
    request<InvoicePage>(base(accountId) + queryString(query)),
  get: (accountId: string, invoiceId: string) =>
    request<Invoice>(`${base(accountId)}/${encodeURIComponent(invoiceId)}`),
  receipt: (accountId: string, invoiceId: string) =>
    request<Receipt>(`${base(accountId)}/${encodeURIComponent(invoiceId)}/receipt`),
  /** The newest paid invoice, or undefined when nothing has been paid yet. */
  latestPaid: async (accountId: string) =>
    (await request<InvoicePage>(base(accountId) + queryString({ status: 'paid', limit: 1 }))).items[0],
};
