// Frozen migration: members' proposals to change the Billing page, which the holder approves or declines (issue 16 §2).
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * proposals: one row per proposal. `patch` is the normalized Billing page PATCH body of the fields it
 * changes (JSON), `changes` the `[{field, before, after}]` read when it was submitted, `base_version`
 * the page version then. `pending_slot` is 1..3 while pending and null after: the unique index on
 * (account, proposer, slot) lets the database, not a read before the insert, hold a member to three
 * pending proposals under parallel requests (NULLs are distinct in a unique index on both databases).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const c = (col: ColumnDefinitionBuilder) => (pg ? col.modifyEnd(sql`collate "C"`) : col);
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (col) => c(col).primaryKey())
    .addColumn('account_id', 'text', (col) => c(col).notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('proposed_by', 'text', (col) => c(col).notNull().references('users.id'))
    .addColumn('status', 'text', (col) =>
      c(col).notNull().check(sql`status in ('pending', 'approved', 'declined', 'withdrawn')`),
    )
    .addColumn('pending_slot', 'integer')
    .addColumn('patch', 'text', (col) => c(col).notNull())
    .addColumn('changes', 'text', (col) => c(col).notNull())
    .addColumn('note', 'text', c)
    .addColumn('base_version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => c(col).notNull())
    .addColumn('resolved_at', 'text', c)
    .addColumn('resolved_by', 'text', (col) => c(col).references('users.id'))
    .addColumn('decline_reason', 'text', c)
    .addColumn('change_request_id', 'text', (col) => c(col).references('change_requests.id'))
    .execute();
  await db.schema
    .createIndex('proposals_pending_slot')
    .on('proposals')
    .columns(['account_id', 'proposed_by', 'pending_slot'])
    .unique()
    .execute();
  // The list (newest first, keyset) and the per-member rate count.
  await db.schema.createIndex('proposals_account_created').on('proposals').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('proposals_proposer_created').on('proposals').columns(['proposed_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposals').execute();
}
