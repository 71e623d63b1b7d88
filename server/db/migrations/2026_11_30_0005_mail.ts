// Frozen migration: outbox mails get an HTML part and a language, and a claim names the sender that holds it.
import type { Kysely } from 'kysely';

const COLUMNS = ['html_body', 'content_language', 'claimed_by'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per column: SQLite's ALTER TABLE adds one column at a time.
  for (const column of COLUMNS) await db.schema.alterTable('outbox_emails').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('outbox_emails').dropColumn(column).execute();
}
