// What the billing run could not do: one line per failure for people, one audit entry each for the record.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { writeAudit } from '../audit/audit.repository';

/** The actor label of what the billing run writes to the audit log. */
export const BILLING_RUN_ACTOR = 'billing run';

/** One subscription (or one invoice's charge) that the run could not complete; the rest went on. */
export interface BillingFailure {
  subscriptionId: string;
  accountId: string;
  /** The invoice whose charge failed; null when issuing the period failed. */
  invoiceId: string | null;
  /** ISO 8601 UTC: the period the run tried to bill. */
  periodStart: string;
  error: string;
}

/** Commits the failure as a `billing.failed` audit entry of its account, targeting the subscription. */
export async function recordFailure(db: Kysely<Database>, failure: BillingFailure, now: Date): Promise<void> {
  const { accountId, subscriptionId, ...after } = failure;
  await writeAudit(
    db,
    { actorUserId: null, actorLabel: BILLING_RUN_ACTOR, action: 'billing.failed', accountId, target: subscriptionId, after },
    now,
  );
}

/** One line per failure, naming the subscription, account and period: for the CLI and the job's log. */
export function describeFailures(failed: BillingFailure[]): string[] {
  return failed.map(
    (f) =>
      `subscription ${f.subscriptionId} (account ${f.accountId}) failed for the period from ${f.periodStart.slice(0, 10)}${
        f.invoiceId ? `, charging invoice ${f.invoiceId}` : ''
      }: ${f.error}`,
  );
}

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
