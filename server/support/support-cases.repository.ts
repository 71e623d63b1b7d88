// The support queue's reads: a keyset page of one status, searched by case number prefix or company name.
import type { ChangeRequestStatus } from '../../shared/schemas/change-request.schema';
import { identityKey } from '../../shared/identity-key';
import type { Db } from '../db/database';
import type { CaseKeyset } from './queue-cursor';

export interface QueueFilter {
  status: ChangeRequestStatus;
  limit: number;
  after?: CaseKeyset;
  q?: string;
}

/** `CR-` followed by digits and dashes only: a case number prefix, compared as we issue it (ASCII capitals). */
const CASE_NUMBER_PREFIX = /^cr-[\d-]*$/i;

/**
 * Ids of the accounts with a case of this status whose company name contains `q`, compared by identity
 * key (shared/identity-key.ts) in the application: SQLite's and PostgreSQL's case folding differ, the key
 * does not. Only accounts that have cases of the status are read, so the scan is bounded by the queue.
 */
async function accountsNamed(db: Db, status: ChangeRequestStatus, q: string): Promise<string[]> {
  const needle = identityKey(q);
  const rows = await db
    .selectFrom('accounts')
    .select(['accounts.id', 'accounts.company_name'])
    .where((eb) => eb.exists(eb.selectFrom('change_requests').select('change_requests.id').whereRef('change_requests.account_id', '=', 'accounts.id').where('change_requests.status', '=', status)))
    .execute();
  return rows.filter((r) => identityKey(r.company_name).includes(needle)).map((r) => r.id);
}

/** One page of cases, oldest first by (created_at, id), with one row more than asked to tell if there is a next page. */
export async function findQueuePage(db: Db, filter: QueueFilter) {
  let query = db
    .selectFrom('change_requests')
    .innerJoin('accounts', 'accounts.id', 'change_requests.account_id')
    .selectAll('change_requests')
    .select('accounts.company_name')
    .where('change_requests.status', '=', filter.status);
  const q = filter.q?.trim();
  if (q) {
    const accounts = await accountsNamed(db, filter.status, q);
    // Digits and dashes only after `CR-`: no LIKE wildcard and no letter case can reach the pattern.
    const prefix = CASE_NUMBER_PREFIX.test(q) ? `CR-${q.slice(3)}%` : null;
    if (!accounts.length && !prefix) return [];
    query = query.where((eb) =>
      eb.or([
        ...(accounts.length ? [eb('change_requests.account_id', 'in', accounts)] : []),
        ...(prefix ? [eb('change_requests.case_number', 'like', prefix)] : []),
      ]),
    );
  }
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('change_requests.created_at', 'change_requests.id'), '>', eb.tuple(createdAt, id)));
  }
  return query.orderBy('change_requests.created_at', 'asc').orderBy('change_requests.id', 'asc').limit(filter.limit + 1).execute();
}

/** The e-mail of whoever resolved a case (staff, or the holder who withdrew it), for "completed by …". */
export async function resolverEmail(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return row?.email ?? null;
}
