// Online backup and restore of the SQLite database with SQLite's own backup API (consistent while serving).
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { makeDirIfMissing, makePrivateDir, makePrivateFiles } from '../db/private-files';

export const databaseFile = (dataDir: string) => path.join(dataDir, 'fastpath.db');

function assertIntact(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} fails its integrity check: ${result}`);
  } finally {
    db.close();
  }
}

/** Copies the live database page by page into `target`, then checks the copy. Safe while the server runs. */
export async function backupDatabase(dataDir: string, target: string): Promise<string> {
  // The copy itself is 0600 (umask 077); the folder the operator named is theirs, not ours to re-mode.
  makeDirIfMissing(path.dirname(target));
  const source = new SQLite(databaseFile(dataDir), { fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  // A backup holds everything the database does: private like it, whatever the caller's umask.
  makePrivateFiles(target);
  assertIntact(target);
  return target;
}

/** Replaces the database's content with a checked backup. Stop the server first: its open reads would go stale. */
export async function restoreDatabase(dataDir: string, backupFile: string): Promise<void> {
  assertIntact(backupFile);
  makePrivateDir(dataDir);
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(databaseFile(dataDir));
  } finally {
    source.close();
  }
  makePrivateFiles(databaseFile(dataDir));
  assertIntact(databaseFile(dataDir));
}

export const defaultBackupPath = (dataDir: string, now: Date) =>
  path.join(dataDir, 'backups', `fastpath-${now.toISOString().replace(/[:.]/g, '-')}.db`);
