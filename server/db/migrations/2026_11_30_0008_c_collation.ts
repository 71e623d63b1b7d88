// Frozen migration: every text column on PostgreSQL compares by code point (collation "C"), like SQLite's BINARY, issue 13 §5.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A database created with a language collation (en_US, ICU) sorts "acme three" before "Acme Two" and
 * ignores punctuation, so orderings on names, e-mails and even UUID tie-breaks differed from SQLite's,
 * and so did the numbers given in that order. Comparing by code point on both makes every ORDER BY give
 * the same answer on both databases. SQLite needs nothing: BINARY is its default.
 */
async function textColumns(db: Kysely<any>): Promise<{ table: string; column: string; type: string }[]> {
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select table_name as "table", column_name as "column",
           case when data_type = 'text' then 'text' else format('varchar(%s)', character_maximum_length) end as "type"
    from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying')
      and table_name not in ('kysely_migration', 'kysely_migration_lock')
    order by table_name, column_name`.execute(db);
  return rows;
}

async function setCollation(db: Kysely<any>, collation: 'C' | 'default'): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const { table, column, type } of await textColumns(db)) {
    const collate = collation === 'C' ? sql` collate "C"` : sql``;
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type ${sql.raw(type)}${collate}`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setCollation(db, 'C');
}

export async function down(db: Kysely<any>): Promise<void> {
  await setCollation(db, 'default');
}
