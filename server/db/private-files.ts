// DATA_DIR and everything in it are for the server's own OS user only: folders 0700, files 0600 (SECURITY.md).
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes every file and folder this process creates from now on private to its user (umask 077): the
 * database with its -wal and -shm, backups, `.eml` mail. Called first thing by the server and CLI entry points.
 */
export function usePrivateFileModes(): void {
  process.umask(0o077);
}

/**
 * Creates `dir` (and missing parents) 0700, and tightens it to 0700 if it already existed more open —
 * unless it is a shared folder (sticky bit, like /tmp): that one is not ours to close.
 */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((fs.statSync(dir).mode & 0o1000) === 0) tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates `dir` 0700 when missing; an existing folder (chosen by the operator) is left as it is. */
export function makeDirIfMissing(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Sets each existing file to 0600 (a database made by an older version, or under a looser umask). */
export function makePrivateFiles(...files: string[]): void {
  for (const file of files) if (fs.existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

function tighten(file: string, mode: number): void {
  try {
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch (err) {
    // Someone else's folder (e.g. a mount point given as DATA_DIR): leave it; what we create inside is still private.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
