// A fresh database for each test file: a temp SQLite folder, or a new schema when DATABASE_URL is PostgreSQL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config';

export interface TestDatabase {
  config: Config;
  searchPath?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-test-'));
  // In-process requests all come from one address ("unknown"), so the per-address hash cap (2 in flight)
  // would refuse a test signing four people in at once; tests of the cap set it back themselves.
  const base = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    PASSWORD_HASHES_PER_ADDRESS: process.env.PASSWORD_HASHES_PER_ADDRESS ?? '64',
    PASSWORD_HASHES_QUEUED: process.env.PASSWORD_HASHES_QUEUED ?? '256',
  });
  // In-process servers log warnings and errors only: a suite's output stays readable (LOG_LEVEL overrides).
  const config: Config = { ...base, billingRunIntervalMinutes: 0, logLevel: process.env.LOG_LEVEL ? base.logLevel : 'warn' };
  if (!config.databaseUrl) {
    return { config, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `fp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    config,
    searchPath: schema,
    async drop() {
      const c = new pg.Client({ connectionString: config.databaseUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
