// Frozen migration: one open change request per account (R13), what the account held at filing, and withdrawn cases.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/**
 * Before the rule, an account could hold several open cases. The oldest stays open (support works the
 * oldest first); each later one is closed as `rejected`, naming the case it duplicates, and audited,
 * so the partial unique index can be built on any existing database.
 */
async function closeDuplicateOpenCases(db: Kysely<any>, now: string): Promise<void> {
  const open = await db
    .selectFrom('change_requests')
    .select(['id', 'account_id', 'case_number'])
    .where('status', '=', 'open')
    .orderBy('account_id')
    .orderBy('created_at')
    .orderBy('case_number')
    .execute();
  const kept = new Map<string, string>();
  for (const row of open) {
    const keptCase = kept.get(row.account_id);
    if (!keptCase) {
      kept.set(row.account_id, row.case_number);
      continue;
    }
    const reason = `Duplicate of ${keptCase}: an account has one open change request at a time.`;
    await db
      .updateTable('change_requests')
      .set({ status: 'rejected', resolved_at: now, reject_reason: reason })
      .where('id', '=', row.id)
      .execute();
    await db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: now,
        actor_user_id: null,
        actor_label: 'migration 2026_11_30_0004',
        action: 'change_request.rejected',
        account_id: row.account_id,
        target: row.case_number,
        before: JSON.stringify({ status: 'open' }),
        after: JSON.stringify({ status: 'rejected', reason }),
      })
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // JSON {address, phone, email} read from the account in the filing transaction; null for older cases.
  await db.schema.alterTable('change_requests').addColumn('account_at_filing', 'text').execute();
  await closeDuplicateOpenCases(db, new Date().toISOString());
  // The database, not a read before the insert, keeps parallel filings to one open case.
  await db.schema
    .createIndex('change_requests_one_open')
    .on('change_requests')
    .column('account_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  // Rate limits count a person's recent filings.
  await db.schema.createIndex('change_requests_filer').on('change_requests').columns(['created_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('change_requests_filer').execute();
  await db.schema.dropIndex('change_requests_one_open').execute();
  await db.updateTable('change_requests').set({ status: 'rejected' }).where('status', '=', 'withdrawn').execute();
  await db.schema.alterTable('change_requests').dropColumn('account_at_filing').execute();
}
