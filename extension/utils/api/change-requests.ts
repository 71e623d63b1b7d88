// Change requests over the API (holder of an invoice-paying account, R6/R7/R13): file one, list them, read one, withdraw one.
import type { ChangeRequest, ChangeRequestCreate } from '../../../shared/api-types';
import { request } from './client';

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/change-requests`;

export const changeRequestsApi = {
  create: (accountId: string, body: ChangeRequestCreate) =>
    request<ChangeRequest>(base(accountId), { method: 'POST', body }),
  /** The account's cases, newest first. */
  list: async (accountId: string) => (await request<{ items: ChangeRequest[] }>(base(accountId))).items,
  get: (accountId: string, changeRequestId: string) =>
    request<ChangeRequest>(`${base(accountId)}/${encodeURIComponent(changeRequestId)}`),
  /** R13: an open case only; 409 already_resolved otherwise. */
  withdraw: (accountId: string, changeRequestId: string) =>
    request<ChangeRequest>(`${base(accountId)}/${encodeURIComponent(changeRequestId)}/withdraw`, { method: 'POST' }),
};
