// Subscriptions over the API (holder only, R11): list, cancel at period end, resume before it ends.
import type { Subscription } from '../../../shared/api-types';
import { request } from './client';

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/subscriptions`;

export const subscriptionsApi = {
  list: async (accountId: string) => (await request<{ items: Subscription[] }>(base(accountId))).items,
  cancel: (accountId: string, subscriptionId: string) =>
    request<Subscription>(`${base(accountId)}/${encodeURIComponent(subscriptionId)}/cancel`, { method: 'POST' }),
  resume: (accountId: string, subscriptionId: string) =>
    request<Subscription>(`${base(accountId)}/${encodeURIComponent(subscriptionId)}/resume`, { method: 'POST' }),
};
