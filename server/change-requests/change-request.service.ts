// Filing and reading change requests (R6, R7): invoice payers only, E.164 phones, case number, window, audit, mail.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findAccount } from '../accounts/account.repository';
import { toE164 } from '../accounts/phone';
import { writeAudit } from '../audit/audit.repository';
import type { ChangeRequestsTable, Database } from '../db/database';
import { nextNumber } from '../db/sequences';
import { ApiError, invalid } from '../http/api-error';
import type { Principal } from '../http/env';
import { caseReceivedMail } from '../mail/mail.templates';
import { enqueueMail } from '../mail/outbox.repository';
import type { z } from 'zod';
import type { BillingDetails, ChangeRequest, changeRequestCreateSchema } from '../../shared/schemas/change-request.schema';
import { expectedWindow } from './business-days';
import { toChangeRequest } from './change-request.mapper';
import { findAccountChangeRequest, findAccountChangeRequests, insertChangeRequest } from './change-request.repository';

export type ChangeRequestInput = z.output<typeof changeRequestCreateSchema>;

/** A phone number is read in the country of the address it comes with (§2: stored in E.164). */
function withE164Phone(details: BillingDetails, path: string): BillingDetails {
  const phone = toE164(details.phone, details.address.country);
  if (!phone) throw invalid(`${path}.phone`, `Not a valid phone number for ${details.address.country}`);
  return { ...details, phone };
}

export async function fileChangeRequest(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  input: ChangeRequestInput,
  now: Date,
): Promise<ChangeRequest> {
  return db.transaction().execute(async (trx) => {
    const account = await findAccount(trx, accountId);
    if (!account) throw new ApiError('not_found');
    if (account.payment_type !== 'invoice') {
      throw new ApiError('not_invoice_payer', 'Card payers change their billing details directly on the Billing page.');
    }
    const current = withE164Phone(input.current, 'current');
    const requested = withE164Phone(input.requested, 'requested');
    const year = now.getUTCFullYear();
    // `CR-2026-00042`, numbered inside the transaction: a request that fails later gives its number back.
    const caseNumber = await nextNumber(trx, 'change_request', 'CR', year, 5);
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
        after: { status: 'open', contactEmail: input.contactEmail, current, requested },
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
  });
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
