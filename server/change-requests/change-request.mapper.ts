// The one place where `change_requests` columns (snake_case, JSON text) and the API's case (camelCase) meet.
import type { ChangeRequestsTable } from '../db/database';
import type { BillingDetails, ChangeRequest, SupportCase } from '../../shared/schemas/change-request.schema';

export function toChangeRequest(row: ChangeRequestsTable): ChangeRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    caseNumber: row.case_number,
    status: row.status,
    createdAt: row.created_at,
    expectedFrom: row.expected_from,
    expectedBy: row.expected_by,
    contactEmail: row.contact_email,
    current: JSON.parse(row.current) as BillingDetails,
    accountAtFiling: row.account_at_filing === null ? null : (JSON.parse(row.account_at_filing) as BillingDetails),
    requested: JSON.parse(row.requested) as BillingDetails,
    details: row.details,
    resolvedAt: row.resolved_at,
    rejectReason: row.reject_reason,
  };
}

export function toSupportCase(row: ChangeRequestsTable & { company_name: string }): SupportCase {
  return { ...toChangeRequest(row), companyName: row.company_name };
}
