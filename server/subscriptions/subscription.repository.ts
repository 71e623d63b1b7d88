// Subscriptions of an account, and the cancel-at-period-end flag (R11).
import type { Db, SubscriptionsTable } from '../db/database';
import type { Subscription } from '../../shared/api-types';

export const toSubscription = (r: SubscriptionsTable): Subscription => ({
  id: r.id,
  product: r.product,
  seats: Number(r.seats),
  unitPrice: Number(r.unit_price),
  currency: r.currency,
  interval: r.billing_interval,
  status: r.status,
  currentPeriodStart: r.current_period_start,
  currentPeriodEnd: r.current_period_end,
  cancelAtPeriodEnd: r.cancel_at_period_end === 1,
});

export function findSubscriptions(db: Db, accountId: string) {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findSubscription(db: Db, accountId: string, subscriptionId: string) {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
}

/** Sets the flag on a still-active subscription; false when it has already ended. */
export async function setCancelAtPeriodEnd(db: Db, subscriptionId: string, cancel: boolean): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ cancel_at_period_end: cancel ? 1 : 0 })
    .where('id', '=', subscriptionId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
