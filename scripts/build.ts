// `npm run build`: the extension (Chrome and Firefox zips) and the server bundle; `--if-changed` (npm start)
// rebuilds the extension, and the server bundles, only when their sources differ from the last build's; `--server-only` skips it;
// `--check` only says (exit status) whether the extension build is current.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleServer, productionBundle, ROOT, type ServerEntry } from './bundle-server';

/** Everything the extension build reads: its sources, the shared code, WXT's config and the locked dependencies. */
const EXTENSION_INPUTS = ['extension', 'shared', 'wxt.config.ts', 'package-lock.json'];
const OUTPUT = path.join(ROOT, '.output');
const STAMP = path.join(OUTPUT, 'extension-sources.sha256');
const BUILT = ['chrome-mv3/manifest.json', 'firefox-mv3/manifest.json'];

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.join(relative, name)));
}

/** Everything the server bundles read: its sources, the shared code, the bundler's settings and the locked dependencies. */
const SERVER_INPUTS = ['server', 'shared', 'scripts/bundle-server.ts', 'tsconfig.json', 'package-lock.json'];
const SERVER_STAMP = path.join(ROOT, 'dist', 'server', 'sources.sha256');

/** SHA-256 over the path and content of every file of `inputs`, in a fixed order. */
function sourceHash(inputs: string[]): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function buildExtension(hash: string): void {
  const wxt = path.join(ROOT, 'node_modules/.bin/wxt');
  for (const args of [['zip', '-b', 'chrome'], ['zip', '-b', 'firefox', '--mv3']]) {
    const run = spawnSync(wxt, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  fs.writeFileSync(STAMP, `${hash}\n`);
}

async function main() {
  const ifChanged = process.argv.includes('--if-changed');
  const hash = sourceHash(EXTENSION_INPUTS);
  const current =
    fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash && BUILT.every((f) => fs.existsSync(path.join(OUTPUT, f)));
  // --check: builds nothing; exit 0 when the extension build is current (bench/startup.ts asks before timing `npm start`).
  if (process.argv.includes('--check')) process.exit(current ? 0 : 1);
  // --server-only: the API's bundle alone (deploy/Dockerfile; the extension ships separately).
  if (!process.argv.includes('--server-only') && (!ifChanged || !current)) buildExtension(hash);
  // --if-changed: the server bundles too are rebuilt only when what they are made of changed (npm start: ~1 s less).
  const entries = ['server/index.ts', 'server/cli.ts'] satisfies ServerEntry[];
  const serverHash = sourceHash(SERVER_INPUTS);
  const serverCurrent =
    fs.existsSync(SERVER_STAMP) && fs.readFileSync(SERVER_STAMP, 'utf8').trim() === serverHash && entries.every((e) => fs.existsSync(productionBundle(e)));
  if (ifChanged && serverCurrent) return;
  for (const entry of entries) await bundleServer(entry, productionBundle(entry));
  fs.writeFileSync(SERVER_STAMP, `${serverHash}\n`);
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exit(1);
});
