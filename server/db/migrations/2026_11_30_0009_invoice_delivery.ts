// Frozen migration: an account's invoice language and extra invoice recipients, and outbox mails that carry a PDF (issue 14).
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * accounts.invoice_language: 'en' | 'fr', the language of billing mails and documents. Existing
 * accounts take their holder's language now; null (an account without a holder yet) means "the
 * holder's language" when read (server/invoices/invoice-language.ts).
 * accounts.invoice_recipients: JSON array of 0–5 e-mail addresses as typed, '[]' by default. One
 * column rather than a child table: it changes with the account row (one version, one ETag, one
 * transaction), and distinctness by identityKey is checked where it is written (billing-page.service).
 * outbox_emails.attachment: JSON `{ kind: 'invoice' | 'receipt', accountId, invoiceId }`, what the
 * sender renders the PDF from at delivery time; null for a mail without attachment.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const c = (col: ColumnDefinitionBuilder) => (pg ? col.modifyEnd(sql`collate "C"`) : col);
  await db.schema
    .alterTable('accounts')
    .addColumn('invoice_language', 'text', (col) => c(col).check(sql`invoice_language in ('en', 'fr')`))
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('invoice_recipients', 'text', (col) => c(col).notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('outbox_emails').addColumn('attachment', 'text', c).execute();
  await sql`update accounts set invoice_language = (
      select u.locale from memberships m join users u on u.id = m.user_id
      where m.account_id = accounts.id and m.role = 'holder')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_emails').dropColumn('attachment').execute();
  await db.schema.alterTable('accounts').dropColumn('invoice_recipients').execute();
  await db.schema.alterTable('accounts').dropColumn('invoice_language').execute();
}
