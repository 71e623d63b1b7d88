// Runs the frozen migrations in order; Kysely's migrator locks so two processes cannot race.
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import * as initialSchema from './migrations/2026_11_26_0001_initial_schema';
import * as loginFailures from './migrations/2026_11_26_0002_login_failures';
import * as nextBillingIndex from './migrations/2026_11_30_0001_next_billing_index';
import * as throttle from './migrations/2026_11_30_0003_throttle';

const migrations: Record<string, Migration> = {
  '2026_11_26_0001_initial_schema': initialSchema,
  '2026_11_26_0002_login_failures': loginFailures,
  '2026_11_30_0001_next_billing_index': nextBillingIndex,
  '2026_11_30_0003_throttle': throttle,
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

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await migrationTableSchema(db),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
