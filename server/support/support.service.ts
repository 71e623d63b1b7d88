// The support desk's work on change requests (R7, R8): the queue, completing (applies the new billing details), rejecting.
import type { Kysely } from 'kysely';
import { addressOf, diffAccount, flattenPatch } from '../accounts/account.mapper';
import { findAccount, updateAccountIfVersion } from '../accounts/account.repository';
import { writeAudit } from '../audit/audit.repository';
import { toSupportCase } from '../change-requests/change-request.mapper';
import { assertPrintableDetails } from '../change-requests/change-request.service';
import { type CaseRow, findCase, resolveIfOpen } from '../change-requests/change-request.repository';
import type { AccountsTable, Database, Db } from '../db/database';
import { emailKey } from '../../shared/identity-key';
import { parseRecipients } from '../../shared/invoice-recipients';
import { appliesFromOf } from './applies-from';
import { ApiError } from '../http/api-error';
import { caseCompletedMail, caseRejectedMail } from '../mail/mail.templates';
import { enqueueMail } from '../mail/outbox.repository';
import type {
  BillingDetails,
  CompletedChangeRequest,
  SupportCase,
} from '../../shared/schemas/change-request.schema';

/** The staff member doing the work, named in the audit log and in `resolved_by`. */
export interface StaffMember {
  id: string;
  email: string;
}

/** How often to re-read the account when a concurrent Billing page save bumped its version meanwhile. */
const APPLY_ATTEMPTS = 3;

export async function findSupportCase(db: Db, idOrCaseNumber: string): Promise<SupportCase> {
  const row = await findCase(db, idOrCaseNumber);
  if (!row) throw new ApiError('not_found');
  return toSupportCase(row);
}

/** The billing address, phone and e-mail an account holds: what a case may change, and nothing else of it. */
export const billingDetailsOf = (row: AccountsTable): BillingDetails => ({
  address: addressOf(row, 'billing'),
  phone: row.billing_phone,
  email: row.billing_email,
});

/** Moves the case out of `open`, or says why it cannot: unknown (404) or already resolved by someone (409). */
async function takeOpenCase(trx: Db, idOrCaseNumber: string, resolve: (row: CaseRow) => Promise<boolean>) {
  const row = await findCase(trx, idOrCaseNumber);
  if (!row) throw new ApiError('not_found');
  if (!(await resolve(row))) {
    throw new ApiError('already_resolved', `Case ${row.case_number} is already ${(await findCase(trx, row.id))?.status}.`);
  }
  return row;
}

/**
 * Writes the requested billing details on the account (version bump); returns the account before and after.
 * A new billing e-mail that was one of the invoice recipients leaves that list in the same change (issue 14:
 * never the billing e-mail twice), audited with the rest.
 */
async function applyBillingDetails(trx: Db, accountId: string, requested: BillingDetails, now: Date) {
  for (let attempt = 0; attempt < APPLY_ATTEMPTS; attempt++) {
    const row = await findAccount(trx, accountId);
    if (!row) throw new ApiError('not_found');
    const wanted = flattenPatch({ billing: requested });
    const recipients = parseRecipients(row.invoice_recipients);
    const kept = recipients.filter((r) => emailKey(r) !== emailKey(requested.email));
    if (kept.length !== recipients.length) wanted['billing.invoiceRecipients'] = kept;
    const { before, after, changes } = diffAccount(row, wanted);
    if (Object.keys(changes).length === 0) return { account: row, previous: row, before, after };
    if (await updateAccountIfVersion(trx, accountId, row.version, changes, now)) {
      return { account: (await findAccount(trx, accountId))!, previous: row, before, after };
    }
  }
  throw new ApiError('version_mismatch', 'The account kept changing while the case was being completed; try again.');
}

export async function completeChangeRequest(
  db: Kysely<Database>,
  staff: StaffMember,
  idOrCaseNumber: string,
  now: Date,
): Promise<CompletedChangeRequest> {
  return db.transaction().execute(async (trx) => {
    const resolution = { status: 'completed', resolvedAt: now.toISOString(), resolvedBy: staff.id } as const;
    const row = await takeOpenCase(trx, idOrCaseNumber, (r) => resolveIfOpen(trx, r.id, resolution));
    const requested = JSON.parse(row.requested) as BillingDetails;
    // A case filed before the printable rule: 400 naming `requested.…`, the transaction (and the case) rolls back; support rejects it.
    assertPrintableDetails(requested, 'requested');
    const { account, previous, before, after } = await applyBillingDetails(trx, row.account_id, requested, now);
    const actor = { actorUserId: staff.id, actorLabel: staff.email, accountId: row.account_id, target: row.case_number };
    if (Object.keys(after).length) await writeAudit(trx, { ...actor, action: 'billing_page.updated', before, after }, now);
    await writeAudit(trx, { ...actor, action: 'change_request.completed', before: { status: 'open' }, after: { status: 'completed' } }, now);
    const appliesFrom = appliesFromOf(account, now);
    const mail = caseCompletedMail(row.filer_locale, {
      caseNumber: row.case_number,
      companyName: account.company_name,
      before: billingDetailsOf(previous),
      after: billingDetailsOf(account),
      appliesFrom,
    });
    await enqueueMail(trx, { to: row.contact_email, ...mail }, now);
    const resolved = { ...row, status: resolution.status, resolved_at: resolution.resolvedAt, resolved_by: staff.id };
    return { ...toSupportCase(resolved), appliesFrom };
  });
}

export async function rejectChangeRequest(
  db: Kysely<Database>,
  staff: StaffMember,
  idOrCaseNumber: string,
  reason: string,
  now: Date,
): Promise<SupportCase> {
  return db.transaction().execute(async (trx) => {
    const resolution = { status: 'rejected', resolvedAt: now.toISOString(), resolvedBy: staff.id, rejectReason: reason } as const;
    const row = await takeOpenCase(trx, idOrCaseNumber, (r) => resolveIfOpen(trx, r.id, resolution));
    await writeAudit(
      trx,
      {
        actorUserId: staff.id,
        actorLabel: staff.email,
        action: 'change_request.rejected',
        accountId: row.account_id,
        target: row.case_number,
        before: { status: 'open' },
        after: { status: 'rejected', reason },
      },
      now,
    );
    const mail = caseRejectedMail(row.filer_locale, { caseNumber: row.case_number, companyName: row.company_name, reason });
    await enqueueMail(trx, { to: row.contact_email, ...mail }, now);
    return toSupportCase({ ...row, status: 'rejected', resolved_at: resolution.resolvedAt, resolved_by: staff.id, reject_reason: reason });
  });
}
