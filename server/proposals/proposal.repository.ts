// Proposals: insert into a free pending slot, read (one, a keyset page, a member's pending slots) and resolve exactly once.
import type { Db, ProposalsTable } from '../db/database';

/** A proposal with its proposer's name and the case number an approval filed, as the API shows it. */
export function selectProposals(db: Db) {
  return db
    .selectFrom('proposals')
    .innerJoin('users as proposer', 'proposer.id', 'proposals.proposed_by')
    .leftJoin('change_requests', 'change_requests.id', 'proposals.change_request_id')
    .selectAll('proposals')
    .select(['proposer.name as proposer_name', 'change_requests.case_number']);
}
export type ProposalRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectProposals>['executeTakeFirst']>>>;

export function insertProposal(db: Db, row: ProposalsTable) {
  return db.insertInto('proposals').values(row).execute();
}

export function findAccountProposal(db: Db, accountId: string, id: string) {
  return selectProposals(db).where('proposals.account_id', '=', accountId).where('proposals.id', '=', id).executeTakeFirst();
}

/** The slots (1..3) a member's pending proposals on the account hold. */
export async function pendingSlotsOf(db: Db, accountId: string, userId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('proposals')
    .select('pending_slot')
    .where('account_id', '=', accountId)
    .where('proposed_by', '=', userId)
    .where('pending_slot', 'is not', null)
    .orderBy('pending_slot')
    .orderBy('id')
    .execute();
  return rows.map((r) => Number(r.pending_slot));
}

/** The member's most recent proposals made after `since` (ISO), resolved or not, on any account; newest first, at most `limit`. */
export async function recentProposalTimes(db: Db, userId: string, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('proposals')
    .select('created_at')
    .where('proposed_by', '=', userId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.created_at);
}

export interface ProposalFilter {
  accountId: string;
  /** Only this member's proposals (a member sees only their own); undefined for the holder. */
  proposedBy?: string;
  status?: ProposalsTable['status'];
  /** The (created_at, id) of the last row of the previous page. */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** A page of proposals, newest first, keyset on (created_at, id) off proposals_account_created. */
export function findProposalsPage(db: Db, f: ProposalFilter) {
  let q = selectProposals(db).where('proposals.account_id', '=', f.accountId);
  if (f.proposedBy) q = q.where('proposals.proposed_by', '=', f.proposedBy);
  if (f.status) q = q.where('proposals.status', '=', f.status);
  if (f.after) {
    const { createdAt, id } = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('proposals.created_at', '<', createdAt),
        eb.and([eb('proposals.created_at', '=', createdAt), eb('proposals.id', '<', id)]),
      ]),
    );
  }
  return q.orderBy('proposals.created_at', 'desc').orderBy('proposals.id', 'desc').limit(f.limit).execute();
}

/**
 * pending → `status`, only if still pending: the conditional UPDATE makes each transition happen at
 * most once under concurrency (a second approve, or an approve racing a withdraw, updates nothing).
 * Frees the member's pending slot in the same statement.
 */
export async function resolveIfPending(
  db: Db,
  id: string,
  set: Pick<ProposalsTable, 'status' | 'resolved_at' | 'resolved_by'> & Partial<Pick<ProposalsTable, 'decline_reason'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('proposals')
    .set({ ...set, pending_slot: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function setChangeRequest(db: Db, id: string, changeRequestId: string) {
  return db.updateTable('proposals').set({ change_request_id: changeRequestId }).where('id', '=', id).execute();
}

/** The account's holder with what a mail to them needs (R1: at most one). */
export function findHolder(db: Db, accountId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.locale'])
    .where('memberships.account_id', '=', accountId)
    .where('memberships.role', '=', 'holder')
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
}

export function findUser(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'locale']).where('id', '=', userId).executeTakeFirst();
}
