// Orderings on text are the same on SQLite and on a PostgreSQL created with a language collation (issue 13 §5).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';

const url = process.env.DATABASE_URL;
const NAMES = ['zeta GmbH', 'Acme Two', 'acme three', 'Émile SA', 'Zebra Ltd', '_under Co', 'beta Inc', 'a-b', 'ab'];
/** By code point, which is what SQLite's BINARY and PostgreSQL's "C" both do. */
const byCodePoint = [...NAMES].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

async function companyOrder(db: DbHandle['db']): Promise<string[]> {
  await sql`delete from accounts`.execute(db);
  for (const [i, name] of NAMES.entries()) {
    await sql`insert into accounts (id, company_name, contact_first_name, contact_last_name, contact_email, contact_phone,
      contact_line1, contact_city, contact_country, billing_email, billing_phone, billing_line1, billing_city, billing_country,
      payment_type, currency, tax_rate_bp, version, created_at, updated_at)
      values (${`acc-${i}`}, ${name}, 'A', 'B', 'a@b.test', '+14155550100', '1 St', 'City', 'US', 'a@b.test', '+14155550100',
      '1 St', 'City', 'US', 'invoice', 'USD', 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(db);
  }
  const rows = await db.selectFrom('accounts').select('company_name').orderBy('company_name').orderBy('id').execute();
  return rows.map((r) => r.company_name);
}

describe('text orderings', () => {
  it('SQLite orders names by code point', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-collation-'));
    const handle = connect({ dataDir });
    try {
      await migrateToLatest(handle.db);
      expect(await companyOrder(handle.db)).toEqual(byCodePoint);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!url)('on a PostgreSQL database created with an ICU en-US collation', () => {
    const name = `fp_icu_${randomBytes(4).toString('hex')}`;
    let admin: pg.Client;
    let handle: DbHandle | undefined;
    let icu = true;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US' encoding 'UTF8'`);
      } catch {
        icu = false; // PostgreSQL before 15, or built without ICU: nothing to compare against.
        return;
      }
      const target = new URL(url!);
      target.pathname = `/${name}`;
      handle = connect({ dataDir: os.tmpdir(), databaseUrl: target.toString() });
      await migrateToLatest(handle.db);
    });

    afterAll(async () => {
      await handle?.close();
      if (icu) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('orders names exactly as SQLite does, not as the language collation would', async (ctx) => {
      if (!icu) ctx.skip();
      expect(await companyOrder(handle!.db)).toEqual(byCodePoint);
    });

    it('gives every text column the "C" collation, so a new column without it fails here', async (ctx) => {
      if (!icu) ctx.skip();
      const { rows } = await sql<{ column: string; collation: string | null }>`
        select table_name || '.' || column_name as "column", collation_name as collation from information_schema.columns
        where table_schema = current_schema() and data_type in ('text', 'character varying') and table_name not in ('kysely_migration', 'kysely_migration_lock')
        order by 1`.execute(handle!.db);
      expect(rows.filter((r) => r.collation !== 'C').map((r) => r.column)).toEqual([]);
    });
  });
});
