// How often change requests may be filed (R13; CWE-799): each filing mails a free-text case to any contact address.
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';

export const FILING_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Filings allowed in any 24 hours: per account (whoever files) and per person (across every account
 * they hold). With one open case at a time, a holder who files, withdraws and files again sends two
 * mails a round; these caps bound that loop. Withdrawn and resolved cases still count.
 */
export const FILING_LIMITS = { account: 5, person: 10 } as const;

async function waitFor(db: Db, column: 'account_id' | 'created_by', value: string, limit: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - FILING_WINDOW_MS).toISOString();
  const recent = await db
    .selectFrom('change_requests')
    .select('created_at')
    .where(column, '=', value)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (recent.length < limit) return 0;
  // Allowed again when the oldest filing that still counts leaves the window.
  const oldest = Date.parse(recent[recent.length - 1].created_at);
  return Math.max(1, Math.ceil((oldest + FILING_WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Throws 429 `rate_limited` with `Retry-After` (seconds, RFC 9110 §10.2.3) when the account or the
 * person has filed too often. The counts come from the cases themselves, so every API instance sees them.
 */
export async function assertFilingAllowed(db: Db, accountId: string, userId: string, now: Date): Promise<void> {
  const wait = Math.max(
    await waitFor(db, 'account_id', accountId, FILING_LIMITS.account, now),
    await waitFor(db, 'created_by', userId, FILING_LIMITS.person, now),
  );
  if (wait > 0) {
    throw new ApiError(
      'rate_limited',
      `Too many change requests filed; try again in ${wait} seconds.`,
      undefined,
      undefined,
      { 'Retry-After': String(wait) },
    );
  }
}
