// DATA_DIR is 0700 and the SQLite database, its -wal and -shm, and backups are 0600, whatever the
// operator's umask, also when an older version left them more open (issue 12 §8).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { runCli } from '../helpers/cli';
import { envFor, spawnServer } from '../helpers/process-server';

const onSqlite = !process.env.DATABASE_URL;
let root: string;
let dataDir: string;
const database = () => ({ config: { ...loadConfig({ ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }), dataDir } });
const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-modes-'));
  fs.chmodSync(root, 0o755);
  dataDir = path.join(root, 'data');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(!onSqlite)('private file modes (SQLite)', () => {
  it('the server creates DATA_DIR 0700 and the database, -wal and -shm 0600', async () => {
    // The child inherits this process's umask; a usual 022 would make 0755 folders and 0644 files.
    const server = await spawnServer(envFor(database(), { BILLING_RUN_INTERVAL_MINUTES: '0' }));
    try {
      expect(mode(dataDir)).toBe('700');
      for (const file of ['fastpath.db', 'fastpath.db-wal', 'fastpath.db-shm']) expect(mode(path.join(dataDir, file)), file).toBe('600');
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('tightens a folder and database left open by an older version on the next start', async () => {
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'fastpath.db'), 0o644);
    const server = await spawnServer(envFor(database(), { BILLING_RUN_INTERVAL_MINUTES: '0' }));
    try {
      expect(mode(dataDir)).toBe('700');
      expect(mode(path.join(dataDir, 'fastpath.db'))).toBe('600');
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('backups are 0600 in a 0700 folder, and a restored database is 0600', async () => {
    const backup = await runCli(database(), ['backup']);
    expect(backup.code, backup.stderr).toBe(0);
    const folder = path.join(dataDir, 'backups');
    const [file] = fs.readdirSync(folder);
    expect(mode(folder)).toBe('700');
    expect(mode(path.join(folder, file))).toBe('600');

    const elsewhere = path.join(root, 'copies', 'copy.db');
    expect((await runCli(database(), ['backup', '--to', elsewhere])).code).toBe(0);
    expect(mode(path.join(root, 'copies'))).toBe('700');
    expect(mode(elsewhere)).toBe('600');

    // A folder the operator named that already exists is theirs: its mode (and a sticky bit) stays.
    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    expect((await runCli(database(), ['backup', '--to', path.join(shared, 'fp.db')])).code).toBe(0);
    expect((fs.statSync(shared).mode & 0o7777).toString(8)).toBe('1777');
    expect(mode(path.join(shared, 'fp.db'))).toBe('600');

    fs.chmodSync(path.join(dataDir, 'fastpath.db'), 0o644);
    const restored = await runCli(database(), ['restore', elsewhere]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(mode(path.join(dataDir, 'fastpath.db'))).toBe('600');
  });
});
