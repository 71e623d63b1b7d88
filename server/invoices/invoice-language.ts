// The language of an account's billing mails and documents: its invoice language, else its holder's (issue 14).
import type { Locale } from '../../shared/api-types';
import type { Db } from '../db/database';

/**
 * The account's invoice language ('en' | 'fr'): the Billing page's `invoiceLanguage` when set, else
 * the holder's language (users.locale), else 'en' (an account without a holder, or unknown id).
 * Works inside a transaction (`db` may be one), so a mail queued with an invoice uses its language.
 */
export async function invoiceLanguageOf(db: Db, accountId: string): Promise<Locale> {
  const row = await db
    .selectFrom('accounts')
    .leftJoin('memberships', (j) => j.onRef('memberships.account_id', '=', 'accounts.id').on('memberships.role', '=', 'holder'))
    .leftJoin('users', 'users.id', 'memberships.user_id')
    .select(['accounts.invoice_language', 'users.locale'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  return row?.invoice_language ?? row?.locale ?? 'en';
}
