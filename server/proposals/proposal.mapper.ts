// Proposal rows (snake_case, JSON columns) → the Proposal the API returns.
import type { Proposal, ProposalChange } from '../../shared/schemas/proposal.schema';
import type { ProposalRow } from './proposal.repository';

/** `{path: before}`, `{path: after}` of a diff → `[{field, before, after}]` in the Billing page's order. */
export function changesOfDiff(before: Record<string, unknown>, after: Record<string, unknown>, order: string[]): ProposalChange[] {
  const rank = (field: string) => {
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  return Object.keys(after)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ field, before: (before[field] ?? null) as ProposalChange['before'], after: (after[field] ?? null) as ProposalChange['after'] }));
}

export function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    status: row.status,
    proposedBy: { id: row.proposed_by, name: row.proposer_name },
    createdAt: row.created_at,
    changes: JSON.parse(row.changes) as ProposalChange[],
    note: row.note,
    baseVersion: Number(row.base_version),
    resolvedAt: row.resolved_at,
    declineReason: row.decline_reason,
    changeRequest: row.change_request_id && row.case_number ? { id: row.change_request_id, caseNumber: row.case_number } : null,
  };
}
