// Accounts: read one with its next billing date, and compare-and-set updates keyed on the version.
import { preparedRead } from '../db/connect';
import type { Db, AccountsTable } from '../db/database';

function findAccountQuery(db: Db, accountId: string) {
  return db
    .selectFrom('accounts')
    .selectAll('accounts')
    .select((eb) =>
      eb
        .selectFrom('subscriptions')
        .select((s) => s.fn.min('current_period_end').as('d'))
        .whereRef('subscriptions.account_id', '=', 'accounts.id')
        .where('subscriptions.status', '=', 'active')
        .where('subscriptions.cancel_at_period_end', '=', 0)
        .as('next_billing_date'),
    )
    // The holder's language: what an unset invoice language stands for (issue 14).
    .select((eb) =>
      eb
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select('users.locale')
        .whereRef('memberships.account_id', '=', 'accounts.id')
        .where('memberships.role', '=', 'holder')
        .as('holder_locale'),
    )
    .where('accounts.id', '=', accountId);
}

/** The same query for SQLite's prepared read path (keep the two in step). */
export const ACCOUNT_SQL = `
  select accounts.*,
         (select min(current_period_end) from subscriptions
          where subscriptions.account_id = accounts.id and subscriptions.status = 'active'
            and subscriptions.cancel_at_period_end = 0) as next_billing_date,
         (select users.locale from memberships join users on users.id = memberships.user_id
          where memberships.account_id = accounts.id and memberships.role = 'holder') as holder_locale
  from accounts where accounts.id = ?`;

type AccountRow = Awaited<ReturnType<ReturnType<typeof findAccountQuery>['executeTakeFirst']>>;

/** One account with its next billing date (the earliest period end of its renewing subscriptions) and its holder's language. */
export async function findAccount(db: Db, accountId: string): Promise<AccountRow> {
  const prepared = preparedRead(db, ACCOUNT_SQL);
  if (prepared) return prepared.get(accountId) as AccountRow;
  return findAccountQuery(db, accountId).executeTakeFirst();
}

export type AccountWithNextBilling = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** The account holder's name (R1: exactly one holder), for the one-line reason members read (R3). */
export async function findHolderName(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.name')
    .where('memberships.account_id', '=', accountId)
    .where('memberships.role', '=', 'holder')
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Applies `changes` only if nobody saved since `expectedVersion`; false when someone did. */
export async function updateAccountIfVersion(
  db: Db,
  accountId: string,
  expectedVersion: number,
  changes: Partial<AccountsTable>,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', accountId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
