// People: lookup by e-mail or id, and the profiles (memberships with their account's company name).
import type { Db } from '../db/database';
import { emailKey } from '../../shared/identity-key';
import type { Profile } from '../../shared/api-types';

/**
 * The person whose e-mail has the same identity key (shared/identity-key.ts) as `email`, in any letter
 * case or Unicode form, or undefined. Sign-in, the admin commands, import and support all find people here.
 */
export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email_key', '=', emailKey(email)).executeTakeFirst();
}

export async function findProfiles(db: Db, userId: string): Promise<Profile[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select(['memberships.account_id', 'memberships.role', 'accounts.company_name'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.role')
    .orderBy('accounts.company_name')
    .orderBy('accounts.id')
    .execute();
  // Company name is read from the account each time, so a rename shows for every member at once (R2).
  return rows.map((r) => ({ accountId: r.account_id, companyName: r.company_name, role: r.role }));
}

export function findMembership(db: Db, accountId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .select(['role'])
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
