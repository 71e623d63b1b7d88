// Account activity: one keyset page of the audit entries the account's holder is shown, newest first.
import type { Db } from '../db/database';
import type { Keyset } from '../invoices/cursor';

export interface ActivityRow {
  id: string;
  at: string;
  action: string;
  actor_user_id: string | null;
  target: string | null;
  before: string | null;
  after: string | null;
  actor_name: string | null;
  actor_is_support: number | null;
  /** The actor's role on this account now; null when they are not (or no longer) a member. */
  actor_role: string | null;
  product: string | null;
}

/**
 * `limit + 1` entries (one more tells whether a next page exists) older than `after` (at, id), from the
 * `audit_log_activity` index: a seek on (account, shown) then a row-value bound on (at, id), so page
 * 5,000 costs what page 1 does. Joins the actor's name, staff flag and current role, and the product of
 * a subscription entry — all lookups by primary key for the page's rows only.
 */
export async function findActivityPage(db: Db, accountId: string, limit: number, after?: Keyset): Promise<ActivityRow[]> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('memberships as m', (j) => j.onRef('m.account_id', '=', 'a.account_id').onRef('m.user_id', '=', 'a.actor_user_id'))
    .leftJoin('subscriptions as s', (j) => j.onRef('s.id', '=', 'a.target').on('a.action', 'in', ['subscription.cancel', 'subscription.resume']))
    .select([
      'a.id', 'a.at', 'a.action', 'a.actor_user_id', 'a.target', 'a.before', 'a.after',
      'u.name as actor_name', 'u.is_support as actor_is_support', 'm.role as actor_role', 's.product',
    ])
    .where('a.account_id', '=', accountId)
    .where('a.in_activity', '=', 1);
  if (after) q = q.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(after.issuedAt, after.id)));
  return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit + 1).execute() as Promise<ActivityRow[]>;
}
