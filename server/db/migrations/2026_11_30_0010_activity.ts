// Frozen migration: which audit entries Account activity shows, and an index that pages them newest first (issue 16 §1).
import type { Kysely } from 'kysely';

/**
 * The audit actions Account activity showed when this migration was written (server/activity/activity-actions.ts);
 * no `proposal.*` entry existed yet. Entries written later are flagged by writeAudit.
 */
const SHOWN = [
  'billing_page.updated',
  'change_request.created',
  'change_request.completed',
  'change_request.rejected',
  'change_request.withdrawn',
  'subscription.cancel',
  'subscription.resume',
  'invoice.issued',
  'invoice.paid',
  'invoice.marked_paid',
];

export async function up(db: Kysely<any>): Promise<void> {
  // A flag, not a filter on `action`: an account's sign-ins and refusals can outnumber its activity
  // without bound, and a page must not walk past them. 1 = shown in Account activity.
  await db.schema.alterTable('audit_log').addColumn('in_activity', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db
    .updateTable('audit_log')
    .set({ in_activity: 1 })
    .where('action', 'in', SHOWN)
    .where('account_id', 'is not', null)
    .execute();
  // Page 1 and page 5,000 are both one seek: (account, shown) then (at, id) descending from the cursor.
  await db.schema.createIndex('audit_log_activity').on('audit_log').columns(['account_id', 'in_activity', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_activity').execute();
  await db.schema.alterTable('audit_log').dropColumn('in_activity').execute();
}
