// Account activity and the upcoming invoice over the API (holder only, issue 16 §1 and §3).
import type { ActivityPage, UpcomingInvoice } from '../../../shared/api-types';
import { request } from './client';

const account = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;

export const activityApi = {
  /** One page, newest first; `cursor` is the previous page's `nextCursor`. */
  page: (accountId: string, query: { limit?: number; cursor?: string | null } = {}) => {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return request<ActivityPage>(`${account(accountId)}/activity${search ? `?${search}` : ''}`);
  },
  /** The next invoice as the billing run would issue it now. */
  upcoming: (accountId: string) => request<UpcomingInvoice>(`${account(accountId)}/invoices/upcoming`),
};
