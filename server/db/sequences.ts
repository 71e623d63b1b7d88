// Yearly number sequences (invoice, receipt, case numbers): one atomic upsert, safe under concurrency.
import type { Db } from './database';

export async function nextInSequence(db: Db, name: string, year: number): Promise<number> {
  const row = await db
    .insertInto('number_sequences')
    .values({ name, year, value: 1 })
    .onConflict((oc) => oc.columns(['name', 'year']).doUpdateSet((eb) => ({ value: eb('number_sequences.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** `FP-2026-000123`: prefix, year, number padded to `width` digits. */
export async function nextNumber(db: Db, name: string, prefix: string, year: number, width: number): Promise<string> {
  const n = await nextInSequence(db, name, year);
  return `${prefix}-${year}-${String(n).padStart(width, '0')}`;
}
