// R8: which invoice a completion at a given instant first reaches, and whether a case is late.
import type { AccountWithNextBilling } from '../accounts/account.repository';
import type { AppliesFrom } from '../../shared/schemas/change-request.schema';

/**
 * R8: before the next billing date, the next invoice carries the new details; after it, the one after does.
 * The next billing date is the one the billing run uses: the earliest period end of the account's renewing
 * subscriptions (server/accounts/account.repository.ts, billed by server/billing/billing-run.ts).
 */
export function appliesFromOf(account: AccountWithNextBilling, now: Date): AppliesFrom {
  const next = account.next_billing_date ?? null;
  return {
    beforeNextBillingDate: next === null || now.getTime() < new Date(next).getTime(),
    nextBillingDate: next ? next.slice(0, 10) : null,
  };
}

/** An open case is late once the UTC day after its expected end (`expectedBy`, YYYY-MM-DD) has begun. */
export const isLate = (c: { status: string; expectedBy: string }, now: Date) =>
  c.status === 'open' && now.toISOString().slice(0, 10) > c.expectedBy;
