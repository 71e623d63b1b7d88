// Frozen migration: users.email_key, the one identity key of a person's e-mail, unique on SQLite and PostgreSQL alike.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A frozen copy of shared/identity-key.ts as it was when this migration was written: a migration must
 * compute the same keys forever, whatever later happens to the app's code, so it never imports it.
 * tests/server/identity-migration.test.ts checks that the two still agree.
 */
export function emailKeyAtMigration(text: string): string {
  let folded = '';
  for (const ch of text.trim().normalize('NFD')) folded += ch === '\u0131' ? ch : ch.toLowerCase().toUpperCase().toLowerCase();
  return folded.normalize('NFC');
}

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  const users: { id: string; email: string; created_at: string }[] = await db
    .selectFrom('users').select(['id', 'email', 'created_at']).orderBy('created_at').orderBy('id').execute();
  const byKey = new Map<string, typeof users>();
  for (const user of users) {
    const key = emailKeyAtMigration(user.email);
    byKey.set(key, [...(byKey.get(key) ?? []), user]);
  }
  // Two rows that are one person by the new rule: an operator decides which one stays; we never merge.
  const clashes = [...byKey.values()].filter((group) => group.length > 1);
  if (clashes.length) {
    const lines = clashes.map((group) => `  ${group.map((u) => `${JSON.stringify(u.email)} (${u.id})`).join(' = ')}`);
    throw new Error(
      `Cannot give every person a unique e-mail key: ${clashes.length} group(s) of people share one address up to ` +
        `letter case and Unicode form. Rename or remove all but one in each group, then migrate again:\n${lines.join('\n')}`,
    );
  }

  await db.schema.alterTable('users').addColumn('email_key', 'text').execute();
  for (const user of users) {
    await db.updateTable('users').set({ email_key: emailKeyAtMigration(user.email) }).where('id', '=', user.id).execute();
  }
  // lower(email) folded only ASCII on SQLite and by the server's locale on PostgreSQL: the key replaces it.
  await db.schema.dropIndex('users_email_key').execute();
  await db.schema.createIndex('users_email_key_unique').unique().on('users').column('email_key').execute();
  if (isPostgres(db)) {
    await sql`alter table users alter column email_key set not null`.execute(db);
  } else {
    // SQLite cannot add NOT NULL to an existing column without rebuilding the table (and its foreign keys).
    for (const event of ['insert', 'update of email_key']) {
      await sql`create trigger ${sql.raw(`users_email_key_required_${event.split(' ')[0]}`)} before ${sql.raw(event)} on users
        when new.email_key is null begin select raise(abort, 'NOT NULL constraint failed: users.email_key'); end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop trigger if exists users_email_key_required_insert`.execute(db);
    await sql`drop trigger if exists users_email_key_required_update`.execute(db);
  }
  await db.schema.dropIndex('users_email_key_unique').execute();
  await db.schema.alterTable('users').dropColumn('email_key').execute();
  await db.schema.createIndex('users_email_key').unique().on('users').expression(sql`lower(email)`).execute();
}
