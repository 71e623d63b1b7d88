// Accounts: read one with its next billing date, and compare-and-set updates keyed on the version.
import type { Db, AccountsTable } from '../db/database';

export function findAccount(db: Db, accountId: string) {
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
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
}

export type AccountWithNextBilling = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

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
