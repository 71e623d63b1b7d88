// `npm run backup` and `npm run restore`: an online copy that passes its integrity check, and a restore that brings it back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../server/db/connect';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { runCli } from '../helpers/cli';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const companyName = async () => {
  const handle = connect({ dataDir: database.config.dataDir });
  try {
    return (await handle.db.selectFrom('accounts').select('company_name').orderBy('company_name').execute()).map((r) => r.company_name);
  } finally {
    await handle.close();
  }
};

describe.skipIf(Boolean(process.env.DATABASE_URL))('backup and restore (SQLite)', () => {
  it('copies the live database and restores it after a change', async () => {
    expect((await runCli(database, ['seed'])).code).toBe(0);
    const before = await companyName();
    const file = path.join(database.config.dataDir, 'copy.db');
    const backup = await runCli(database, ['backup', '--to', file]);
    expect(backup.stdout).toContain('integrity check ok');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    const handle = connect({ dataDir: database.config.dataDir });
    await handle.db.updateTable('accounts').set({ company_name: 'Changed after backup' }).execute();
    await handle.close();
    expect(await companyName()).not.toEqual(before);

    const restore = await runCli(database, ['restore', file]);
    expect(restore.code).toBe(0);
    expect(await companyName()).toEqual(before);
  }, 60_000);

  it('refuses to restore from something that is not a sound database', async () => {
    const junk = path.join(database.config.dataDir, 'junk.db');
    fs.writeFileSync(junk, 'not a database');
    const res = await runCli(database, ['restore', junk]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/not a database|integrity/i);
  }, 60_000);
});
