// Change requests: insert, look up (by account, by id or case number, by status) and resolve exactly once.
import type { ChangeRequestsTable, Db } from '../db/database';

export function insertChangeRequest(db: Db, row: ChangeRequestsTable) {
  return db.insertInto('change_requests').values(row).execute();
}

export function findAccountChangeRequests(db: Db, accountId: string) {
  return db
    .selectFrom('change_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('case_number', 'desc')
    .execute();
}

export function findAccountChangeRequest(db: Db, accountId: string, id: string) {
  return db
    .selectFrom('change_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The account's open case, if any (at most one: R13, a partial unique index). */
export function findOpenChangeRequest(db: Db, accountId: string) {
  return db
    .selectFrom('change_requests')
    .select(['id', 'case_number'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/** Cases with their company name and the filer's language, as the support desk and the mails need them. */
function selectCases(db: Db) {
  return db
    .selectFrom('change_requests')
    .innerJoin('accounts', 'accounts.id', 'change_requests.account_id')
    .innerJoin('users', 'users.id', 'change_requests.created_by')
    .selectAll('change_requests')
    .select(['accounts.company_name', 'users.locale as filer_locale']);
}

/** One case by its id or its case number (staff quote either). */
export function findCase(db: Db, idOrCaseNumber: string) {
  return selectCases(db)
    .where((eb) =>
      eb.or([eb('change_requests.id', '=', idOrCaseNumber), eb('change_requests.case_number', '=', idOrCaseNumber.toUpperCase())]),
    )
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export interface Resolution {
  status: 'completed' | 'rejected' | 'withdrawn';
  resolvedAt: string;
  resolvedBy: string;
  rejectReason?: string;
}

/**
 * Moves an open case to its final status; false when it was not open any more. The `status = 'open'`
 * condition makes this the point where two staff members racing on the same case are told apart:
 * only one update can match the row.
 */
export async function resolveIfOpen(db: Db, id: string, resolution: Resolution): Promise<boolean> {
  const result = await db
    .updateTable('change_requests')
    .set({
      status: resolution.status,
      resolved_at: resolution.resolvedAt,
      resolved_by: resolution.resolvedBy,
      reject_reason: resolution.rejectReason ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The holder withdraws an open case (R13); false when it was not open any more. */
export function withdrawIfOpen(db: Db, id: string, userId: string, at: string): Promise<boolean> {
  return resolveIfOpen(db, id, { status: 'withdrawn', resolvedAt: at, resolvedBy: userId });
}
