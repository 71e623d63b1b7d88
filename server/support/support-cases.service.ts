// The support desk's reads (R7, R8): the queue page and one case beside the account's billing details now, each view audited.
import { findAccount } from '../accounts/account.repository';
import { writeAudit } from '../audit/audit.repository';
import { toSupportCase } from '../change-requests/change-request.mapper';
import { findCase } from '../change-requests/change-request.repository';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import type { SupportCaseView, SupportQueueQuery, SupportQueuePage } from '../../shared/schemas/support.schema';
import { appliesFromOf, isLate } from './applies-from';
import { decodeCaseCursor, encodeCaseCursor } from './queue-cursor';
import { findQueuePage, resolverEmail } from './support-cases.repository';
import { billingDetailsOf, type StaffMember } from './support.service';

/**
 * One page of the queue: cases of `status`, oldest first (the case waiting longest is worked first),
 * `limit` per page, after the opaque `cursor` of the page before; `q` a case number prefix or part of the
 * company name. 400 `query.cursor` for a cursor this API did not give out.
 */
export async function supportQueuePage(db: Db, query: SupportQueueQuery, now: Date): Promise<SupportQueuePage> {
  const after = query.cursor ? decodeCaseCursor(query.cursor) : undefined;
  const rows = await findQueuePage(db, { status: query.status, limit: query.limit, after, q: query.q });
  const items = rows.slice(0, query.limit).map((row) => {
    const c = toSupportCase(row);
    return { ...c, late: isLate(c, now) };
  });
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCaseCursor({ createdAt: last.created_at, id: last.id }) : null };
}

/**
 * One case as staff work it, by id or case number: the case, the account's billing address, phone and
 * e-mail as stored now (nothing else of the account: no card, no members), whether it is late, and the
 * invoice a completion now would first show on (R8). Audited as `support.case.viewed` (who, when). 404
 * `not_found` for an unknown case.
 */
export async function viewSupportCase(db: Db, staff: StaffMember, idOrCaseNumber: string, now: Date): Promise<SupportCaseView> {
  const row = await findCase(db, idOrCaseNumber);
  if (!row) throw new ApiError('not_found');
  const account = await findAccount(db, row.account_id);
  if (!account) throw new ApiError('not_found');
  await writeAudit(
    db,
    { actorUserId: staff.id, actorLabel: staff.email, action: 'support.case.viewed', accountId: row.account_id, target: row.case_number },
    now,
  );
  const c = toSupportCase(row);
  return {
    ...c,
    accountNow: billingDetailsOf(account),
    late: isLate(c, now),
    appliesFrom: appliesFromOf(account, now),
    resolvedBy: await resolverEmail(db, row.resolved_by),
  };
}
