// Filing, reading and withdrawing change requests (R6, R7, R13): invoice payers only, one open case, rate limits, audit, mail.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { addressOf } from '../accounts/account.mapper';
import { findAccount } from '../accounts/account.repository';
import { toE164 } from '../accounts/phone';
import { writeAudit } from '../audit/audit.repository';
import { unprintableFieldErrors } from '../documents/printable';
import type { AccountsTable, ChangeRequestsTable, Database } from '../db/database';
import { nextNumber } from '../db/sequences';
import { isUniqueViolation } from '../db/unique-violation';
import { ApiError, invalid } from '../http/api-error';
import type { Principal } from '../http/env';
import { caseReceivedMail } from '../mail/mail.templates';
import { enqueueMail } from '../mail/outbox.repository';
import type { BillingDetails, ChangeRequest, changeRequestCreateSchema } from '../../shared/schemas/change-request.schema';
import { expectedWindow } from './business-days';
import { caseWithdrawnMail } from './case-withdrawn.mail';
import { toChangeRequest } from './change-request.mapper';
import {
  findAccountChangeRequest,
  findAccountChangeRequests,
  findOpenChangeRequest,
  insertChangeRequest,
  withdrawIfOpen,
} from './change-request.repository';
import { assertFilingAllowed } from './filing-limits';

export type ChangeRequestInput = z.output<typeof changeRequestCreateSchema>;

/** The partial unique index of migration 2026_11_30_0004 that allows one open case per account. */
const ONE_OPEN_CASE = { index: 'change_requests_one_open', columns: 'change_requests.account_id' };

/** A phone number is read in the country of the address it comes with (§2: stored in E.164). */
function withE164Phone(details: BillingDetails, path: string): BillingDetails {
  const phone = toE164(details.phone, details.address.country);
  if (!phone) throw invalid(`${path}.phone`, `Not a valid phone number for ${details.address.country}`);
  return { ...details, phone };
}

/** The billing details as the account holds them: what a case compares `current` against (R13). */
export const billingDetailsOf = (row: AccountsTable): BillingDetails => ({
  address: addressOf(row, 'billing'),
  phone: row.billing_phone,
  email: row.billing_email,
});

const ADDRESS_KEYS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

/**
 * A 400 naming each field of `details` (under `path`, e.g. `requested.address.line2`) that the invoice
 * PDF cannot print (server/documents/printable.ts): the requested details become the bill-to once the
 * case is completed. Also run when support completes a case filed before the rule.
 */
export function assertPrintableDetails(details: BillingDetails, path: string): void {
  const fields: Record<string, unknown> = { [`${path}.email`]: details.email, [`${path}.phone`]: details.phone };
  for (const key of ADDRESS_KEYS) fields[`${path}.address.${key}`] = details.address[key];
  const errors = unprintableFieldErrors(fields);
  if (errors.length) throw new ApiError('invalid_request', 'The request is not valid.', errors);
}

/** True when `requested` would change nothing on the account: every address field, phone and e-mail equal. */
export function changesNothing(requested: BillingDetails, account: BillingDetails): boolean {
  const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '') === (b ?? '');
  return (
    ADDRESS_KEYS.every((key) => same(requested.address[key], account.address[key])) &&
    same(requested.phone, account.phone) &&
    same(requested.email, account.email)
  );
}

/** 409 `change_request_open`, naming the open case by number and id so the client can show or withdraw it. */
function openCaseConflict(open: { id: string; case_number: string } | undefined): ApiError {
  const named = open ? ` ${open.case_number}` : '';
  return new ApiError(
    'change_request_open',
    `This account already has an open change request${named}; withdraw it or wait until support resolves it.`,
    undefined,
    open ? { openCase: { id: open.id, caseNumber: open.case_number } } : undefined,
  );
}

/**
 * Files a case for an invoice-paying account (R6, R7, R13). Answers 400 `invalid_request` naming
 * `requested` when the new details equal the account's stored ones, 409 `not_invoice_payer` for card
 * payers, 409 `change_request_open` while another case of the account is open (enforced by a partial
 * unique index, so parallel filings yield exactly one case), 429 `rate_limited` past the filing limits.
 * Stores `current` as typed and `accountAtFiling` as read from the account in the same transaction.
 */
export async function fileChangeRequest(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  input: ChangeRequestInput,
  now: Date,
): Promise<ChangeRequest> {
  try {
    return await db.transaction().execute((trx) => fileChangeRequestIn(trx, principal, accountId, input, now));
  } catch (err) {
    throw await asOpenCaseConflict(db, accountId, err);
  }
}

/**
 * A parallel filing committed its case between our read and our insert, and the index refused ours:
 * the 409 naming the case that won. Any other error is given back as it is. Call it after the
 * transaction ended (on PostgreSQL the failed one can no longer read).
 */
export async function asOpenCaseConflict(db: Kysely<Database>, accountId: string, err: unknown): Promise<unknown> {
  if (isUniqueViolation(err, ONE_OPEN_CASE)) return openCaseConflict(await findOpenChangeRequest(db, accountId));
  return err;
}

/** fileChangeRequest inside the caller's transaction (an approved proposal files one on the holder's behalf, issue 16). */
export async function fileChangeRequestIn(
  trx: Kysely<Database>,
  principal: Principal,
  accountId: string,
  input: ChangeRequestInput,
  now: Date,
): Promise<ChangeRequest> {
  const account = await findAccount(trx, accountId);
  if (!account) throw new ApiError('not_found');
  if (account.payment_type !== 'invoice') {
    throw new ApiError('not_invoice_payer', 'Card payers change their billing details directly on the Billing page.');
  }
  const current = withE164Phone(input.current, 'current');
  assertPrintableDetails(input.requested, 'requested');
  const requested = withE164Phone(input.requested, 'requested');
  // The server decides what "current" is: a request equal to the account as stored changes nothing.
  if (changesNothing(requested, billingDetailsOf(account))) throw invalid('requested', 'Change at least one value');
  const open = await findOpenChangeRequest(trx, accountId);
  if (open) throw openCaseConflict(open);
  await assertFilingAllowed(trx, accountId, principal.user.id, now);
  const accountAtFiling = billingDetailsOf(account);
  // `CR-2026-00042`, numbered inside the transaction: a request that fails later gives its number back.
  const caseNumber = await nextNumber(trx, 'change_request', 'CR', now.getUTCFullYear(), 5);
  const window = expectedWindow(now);
  const row: ChangeRequestsTable = {
    id: randomUUID(),
    account_id: accountId,
    case_number: caseNumber,
    status: 'open',
    created_by: principal.user.id,
    contact_email: input.contactEmail,
    current: JSON.stringify(current),
    requested: JSON.stringify(requested),
    account_at_filing: JSON.stringify(accountAtFiling),
    details: input.details,
    created_at: now.toISOString(),
    expected_from: window.expectedFrom,
    expected_by: window.expectedBy,
    resolved_at: null,
    resolved_by: null,
    reject_reason: null,
  };
  await insertChangeRequest(trx, row);
  await writeAudit(
    trx,
    {
      actorUserId: principal.user.id,
      actorLabel: principal.user.email,
      action: 'change_request.created',
      accountId,
      target: caseNumber,
      after: { status: 'open', contactEmail: input.contactEmail, current, accountAtFiling, requested },
    },
    now,
  );
  const mail = caseReceivedMail(principal.user.locale, {
    caseNumber,
    companyName: account.company_name,
    expectedFrom: row.expected_from,
    expectedBy: row.expected_by,
  });
  await enqueueMail(trx, { to: input.contactEmail, ...mail }, now);
  return toChangeRequest(row);
}

export async function listAccountChangeRequests(db: Kysely<Database>, accountId: string): Promise<ChangeRequest[]> {
  return (await findAccountChangeRequests(db, accountId)).map(toChangeRequest);
}

/** A case of this account; a case of another account is reported as missing (no existence leak). */
export async function getAccountChangeRequest(db: Kysely<Database>, accountId: string, id: string): Promise<ChangeRequest> {
  const row = await findAccountChangeRequest(db, accountId, id);
  if (!row) throw new ApiError('not_found');
  return toChangeRequest(row);
}

/**
 * The holder takes back an open case (R13): status `withdrawn`, audited as `change_request.withdrawn`,
 * and a notice to the case's contact through the outbox, all in one transaction. 404 for a case of
 * another account; 409 `already_resolved` once the case is completed, rejected or withdrawn.
 */
export async function withdrawChangeRequest(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  id: string,
  now: Date,
): Promise<ChangeRequest> {
  return db.transaction().execute(async (trx) => {
    const row = await findAccountChangeRequest(trx, accountId, id);
    if (!row) throw new ApiError('not_found');
    const resolvedAt = now.toISOString();
    if (!(await withdrawIfOpen(trx, row.id, principal.user.id, resolvedAt))) {
      const status = (await findAccountChangeRequest(trx, accountId, id))?.status ?? row.status;
      throw new ApiError('already_resolved', `Case ${row.case_number} is already ${status}.`);
    }
    await writeAudit(
      trx,
      {
        actorUserId: principal.user.id,
        actorLabel: principal.user.email,
        action: 'change_request.withdrawn',
        accountId,
        target: row.case_number,
        before: { status: 'open' },
        after: { status: 'withdrawn' },
      },
      now,
    );
    const account = await findAccount(trx, accountId);
    const mail = caseWithdrawnMail(principal.user.locale, {
      caseNumber: row.case_number,
      companyName: account?.company_name ?? '',
    });
    await enqueueMail(trx, { to: row.contact_email, ...mail }, now);
    return toChangeRequest({ ...row, status: 'withdrawn', resolved_at: resolvedAt, resolved_by: principal.user.id });
  });
}
