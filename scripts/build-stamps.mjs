// What the extension and the server bundles are built from, and whether their last build is current (SHA-256 stamps).
// Plain JavaScript: `npm start` asks it before anything is compiled (scripts/up-to-date.mjs); scripts/build.ts uses it too.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Everything the extension build reads: its sources, the shared code, WXT's config with its chunking, and the locked dependencies. */
export const EXTENSION_INPUTS = ['extension', 'shared', 'wxt.config.ts', 'scripts/page-chunks.ts', 'package-lock.json'];
export const EXTENSION_STAMP = path.join(ROOT, '.output', 'extension-sources.sha256');
const EXTENSION_BUILT = ['chrome-mv3/manifest.json', 'firefox-mv3/manifest.json'].map((f) => path.join(ROOT, '.output', f));

/** Everything the server bundles read: its sources, the shared code, the bundler's settings and the locked dependencies. */
export const SERVER_INPUTS = ['server', 'shared', 'scripts/bundle-server.ts', 'tsconfig.json', 'package-lock.json'];
export const SERVER_STAMP = path.join(ROOT, 'dist', 'server', 'sources.sha256');
const SERVER_BUILT = ['index.mjs', 'cli.mjs'].map((f) => path.join(ROOT, 'dist', 'server', f));

/** @param {string} relative @returns {string[]} */
function filesUnder(relative) {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

/** SHA-256 over the path and content of every file of `inputs`, in a fixed order. @param {string[]} inputs */
export function sourceHash(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether `stamp` holds `hash` and every file of `built` exists. @param {string} stamp @param {string} hash @param {string[]} built */
const stamped = (stamp, hash, built) => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash && built.every((f) => fs.existsSync(f));

/** @param {string} [hash] the extension inputs' hash, when already computed */
export const extensionCurrent = (hash = sourceHash(EXTENSION_INPUTS)) => stamped(EXTENSION_STAMP, hash, EXTENSION_BUILT);
/** @param {string} [hash] the server inputs' hash, when already computed */
export const serverCurrent = (hash = sourceHash(SERVER_INPUTS)) => stamped(SERVER_STAMP, hash, SERVER_BUILT);
