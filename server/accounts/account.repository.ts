// Accounts: read one with its next billing date, and compare-and-set updates keyed on the version.
import { hotQuery, hotReadOne } from '../db/connect';
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

/**
 * Every column of `accounts`, named: PostgreSQL keeps a named prepared statement's result shape, and
 * `accounts.*` would make every pooled connection fail ("cached plan must not change result type") once
 * another instance's migration adds a column. A column added without being listed here makes
 * tests/server/prepared-reads.test.ts fail (the Kysely form selects them all).
 */
const ACCOUNT_COLUMNS = [
  'id', 'company_name', 'contact_first_name', 'contact_last_name', 'contact_email', 'contact_phone',
  'contact_line1', 'contact_line2', 'contact_city', 'contact_region', 'contact_postal_code', 'contact_country',
  'billing_email', 'billing_phone', 'billing_vat_id', 'billing_line1', 'billing_line2', 'billing_city',
  'billing_region', 'billing_postal_code', 'billing_country', 'payment_type', 'card_brand', 'card_last4',
  'card_exp_month', 'card_exp_year', 'currency', 'tax_rate_bp', 'version', 'created_at', 'updated_at',
  'invoice_language', 'invoice_recipients',
]
  .map((column) => `accounts.${column}`)
  .join(', ');

/** The same query for the hot-read path of both databases (keep the two in step). */
export const ACCOUNT_SQL = `
  select ${ACCOUNT_COLUMNS},
         (select min(current_period_end) from subscriptions
          where subscriptions.account_id = accounts.id and subscriptions.status = 'active'
            and subscriptions.cancel_at_period_end = 0) as next_billing_date,
         (select users.locale from memberships join users on users.id = memberships.user_id
          where memberships.account_id = accounts.id and memberships.role = 'holder') as holder_locale
  from accounts where accounts.id = ?`;
const ACCOUNT = hotQuery('fastpath_account', ACCOUNT_SQL);

type AccountRow = Awaited<ReturnType<ReturnType<typeof findAccountQuery>['executeTakeFirst']>>;

/** One account with its next billing date (the earliest period end of its renewing subscriptions) and its holder's language. */
export async function findAccount(db: Db, accountId: string): Promise<AccountRow> {
  return hotReadOne(db, ACCOUNT, [accountId], () => findAccountQuery(db, accountId).executeTakeFirst());
}

/**
 * What GET /accounts/{id}/billing reads, in one round trip: the account, its next billing date and
 * the holder's name (as findAccount and findHolderName answer them; keep the three in step).
 */
export const BILLING_PAGE_SQL = `
  select ${ACCOUNT_COLUMNS},
         (select min(current_period_end) from subscriptions
          where subscriptions.account_id = accounts.id and subscriptions.status = 'active'
            and subscriptions.cancel_at_period_end = 0) as next_billing_date,
         (select users.name from memberships inner join users on users.id = memberships.user_id
          where memberships.account_id = accounts.id and memberships.role = 'holder'
          order by users.id limit 1) as holder_name,
         (select users.locale from memberships join users on users.id = memberships.user_id
          where memberships.account_id = accounts.id and memberships.role = 'holder') as holder_locale
  from accounts where accounts.id = ?`;
const BILLING_PAGE = hotQuery('fastpath_billing_page', BILLING_PAGE_SQL);

export type BillingPageRow = NonNullable<AccountRow> & { holder_name: string | null };

/** The account with its next billing date and holder name (R1, R3), or undefined when there is none. */
export async function findBillingPageRow(db: Db, accountId: string): Promise<BillingPageRow | undefined> {
  return hotReadOne<BillingPageRow>(db, BILLING_PAGE, [accountId], async () => {
    const row = await findAccountQuery(db, accountId).executeTakeFirst();
    return row && { ...row, holder_name: await findHolderName(db, accountId) };
  });
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
