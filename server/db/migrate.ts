// Runs the frozen migrations in order; Kysely's migrator locks so two processes cannot race.
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import * as initialSchema from './migrations/2026_11_26_0001_initial_schema';
import * as loginFailures from './migrations/2026_11_26_0002_login_failures';
import * as nextBillingIndex from './migrations/2026_11_30_0001_next_billing_index';
import * as emailKeys from './migrations/2026_11_30_0002_email_keys';
import * as throttle from './migrations/2026_11_30_0003_throttle';
import * as changeRequests from './migrations/2026_11_30_0004_change_requests';
import * as mail from './migrations/2026_11_30_0005_mail';
import * as moneyBigint from './migrations/2026_11_30_0006_money_bigint';
import * as cCollation from './migrations/2026_11_30_0008_c_collation';
import * as invoiceDelivery from './migrations/2026_11_30_0009_invoice_delivery';
import * as activity from './migrations/2026_11_30_0010_activity';
import * as proposals from './migrations/2026_11_30_0011_proposals';
import * as idnEmailKeys from './migrations/2026_11_30_0013_idn_email_keys';

const migrations: Record<string, Migration> = {
  '2026_11_26_0001_initial_schema': initialSchema,
  '2026_11_26_0002_login_failures': loginFailures,
  '2026_11_30_0001_next_billing_index': nextBillingIndex,
  '2026_11_30_0002_email_keys': emailKeys,
  '2026_11_30_0003_throttle': throttle,
  '2026_11_30_0004_change_requests': changeRequests,
  '2026_11_30_0005_mail': mail,
  '2026_11_30_0006_money_bigint': moneyBigint,
  '2026_11_30_0008_c_collation': cCollation,
  '2026_11_30_0009_invoice_delivery': invoiceDelivery,
  '2026_11_30_0010_activity': activity,
  '2026_11_30_0011_proposals': proposals,
  '2026_11_30_0013_idn_email_keys': idnEmailKeys,
};

/**
 * On PostgreSQL the migrator's bookkeeping tables live in the current schema, named explicitly:
 * otherwise Kysely would take a same-named table in any other schema as ours.
 */
async function migrationTableSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

async function migrator(db: Kysely<any>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await migrationTableSchema(db),
  });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up or down to the named migration (tests: a database as it was before a later migration). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await (await migrator(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
