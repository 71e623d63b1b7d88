// Frozen migration: an index that answers "next billing date of this account" without walking every active subscription.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // min(current_period_end) for one account's renewing subscriptions is the first entry under this prefix.
  await db.schema
    .createIndex('subscriptions_next_billing')
    .on('subscriptions')
    .columns(['account_id', 'status', 'cancel_at_period_end', 'current_period_end'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('subscriptions_next_billing').execute();
}
