// Proposals over the API (issue 16 §2): a member proposes a Billing page change; the holder approves or declines; the proposer withdraws.
import type { BillingPage, BillingPagePatch, Proposal, ProposalApproved, ProposalPage, ProposalStatus } from '../../../shared/api-types';
import { request } from './client';

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/proposals`;
const one = (accountId: string, id: string, action: string) => `${base(accountId)}/${encodeURIComponent(id)}/${action}`;

export const proposalsApi = {
  /** `changes` is a Billing page PATCH body; 409 holder_edits_directly for the holder, proposal_limit_reached past 3 pending. */
  create: (accountId: string, changes: BillingPagePatch, note: string | null) =>
    request<Proposal>(base(accountId), { method: 'POST', body: { changes, note } }),
  /** The holder gets every proposal, a member their own; newest first (the first 100). */
  list: async (accountId: string, status?: ProposalStatus) =>
    (await request<ProposalPage>(`${base(accountId)}?limit=100${status ? `&status=${status}` : ''}`)).items,
  /** Against the page version the holder saw; 412 (ApiError.current: the page now) when it changed. */
  approve: (accountId: string, id: string, page: Pick<BillingPage, 'version'>) =>
    request<ProposalApproved>(one(accountId, id, 'approve'), { method: 'POST', headers: { 'If-Match': `"${page.version}"` } }),
  decline: (accountId: string, id: string, reason: string) =>
    request<Proposal>(one(accountId, id, 'decline'), { method: 'POST', body: { reason } }),
  withdraw: (accountId: string, id: string) => request<Proposal>(one(accountId, id, 'withdraw'), { method: 'POST' }),
};
