// How far behind the outbox is: mails not yet sent, and how long the oldest of them has waited.
import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface OutboxStats {
  /** Mails with no `sent_at`: due, waiting for a retry, or being sent. */
  unsent: number;
  /** Seconds since the oldest unsent mail was queued; 0 when there is none. */
  oldestUnsentAgeSeconds: number;
}

export async function outboxStats(db: Db, now: Date): Promise<OutboxStats> {
  const row = await db
    .selectFrom('outbox_emails')
    .select([sql<number | string>`count(*)`.as('unsent'), sql<string | null>`min(created_at)`.as('oldest')])
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  const oldest = row.oldest ? Date.parse(String(row.oldest)) : NaN;
  return {
    unsent: Number(row.unsent),
    oldestUnsentAgeSeconds: Number.isNaN(oldest) ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}
