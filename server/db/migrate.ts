// Runs the frozen migrations in order; Kysely's migrator locks so two processes cannot race.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as initialSchema from './migrations/2026_11_26_0001_initial_schema';

const migrations: Record<string, Migration> = {
  '2026_11_26_0001_initial_schema': initialSchema,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
