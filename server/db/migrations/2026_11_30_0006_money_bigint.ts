// Frozen migration: money and counts as 64-bit integers on PostgreSQL (SQLite's integer already is), issue 13 §3.
import { type Kysely, PostgresAdapter } from 'kysely';

/** Every column holding minor units or a seat count, by table. */
const COLUMNS: Record<string, string[]> = {
  subscriptions: ['seats', 'unit_price'],
  invoices: ['subtotal', 'tax', 'total'],
  invoice_lines: ['quantity', 'unit_amount', 'amount'],
};

async function setType(db: Kysely<any>, type: 'bigint' | 'integer'): Promise<void> {
  // SQLite stores every integer in up to 8 bytes whatever the declared type: nothing to change there.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, columns] of Object.entries(COLUMNS)) {
    let alter = db.schema.alterTable(table) as any;
    // One ALTER TABLE per table: PostgreSQL rewrites the table once for all its columns.
    alter = columns.reduce((builder, column) => builder.alterColumn(column, (c: any) => c.setDataType(type)), alter);
    await alter.execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setType(db, 'bigint');
}

/** Fails, leaving everything as it was, if an amount no longer fits 32 bits. */
export async function down(db: Kysely<any>): Promise<void> {
  await setType(db, 'integer');
}
