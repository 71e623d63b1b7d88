// The support desk over the API (support staff only, R7): the queue, one case, complete, reject, invoice search and mark paid.
import type { ChangeRequestStatus, InvoiceSummary, SupportCase, SupportCaseView, SupportInvoice, SupportQueuePage } from '../../../shared/api-types';
import { request } from './client';

export interface QueueQuery {
  status: ChangeRequestStatus;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

const caseUrl = (crId: string) => `/support/change-requests/${encodeURIComponent(crId)}`;

export const supportApi = {
  /** One page of the queue, oldest first; `nextCursor` null on the last page. */
  queue: (query: QueueQuery) => {
    const params = new URLSearchParams({ status: query.status });
    if (query.q?.trim()) params.set('q', query.q.trim());
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit) params.set('limit', String(query.limit));
    return request<SupportQueuePage>(`/support/change-requests?${params}`);
  },
  /** One case beside the account now; the server audits the view. */
  get: (crId: string) => request<SupportCaseView>(caseUrl(crId)),
  /** 409 already_resolved when someone resolved it first: read the case again to say who. */
  complete: (crId: string) => request<SupportCase>(`${caseUrl(crId)}/complete`, { method: 'POST' }),
  reject: (crId: string, reason: string) => request<SupportCase>(`${caseUrl(crId)}/reject`, { method: 'POST', body: { reason } }),
  findInvoice: async (number: string) =>
    (await request<{ items: SupportInvoice[] }>(`/support/invoices?${new URLSearchParams({ number: number.trim() })}`)).items,
  /** 409 already_resolved when it was paid meanwhile. */
  markPaid: (invoiceId: string) => request<InvoiceSummary>(`/support/invoices/${encodeURIComponent(invoiceId)}/mark-paid`, { method: 'POST' }),
};
