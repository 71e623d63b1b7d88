// The language of an account's billing documents and mails: its invoice language (f14-mail adds the Billing page field).
import type { Db } from '../db/database';

/**
 * `'en'` or `'fr'`: the account holder's language (the default of the invoice language, issue 14);
 * `'en'` when the account has no holder. Interim version until the Billing page field lands (f14-mail).
 */
export async function invoiceLanguageOf(db: Db, accountId: string): Promise<'en' | 'fr'> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.locale')
    .where('memberships.account_id', '=', accountId)
    .where('memberships.role', '=', 'holder')
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return row?.locale === 'fr' ? 'fr' : 'en';
}
