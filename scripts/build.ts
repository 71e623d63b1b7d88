// `npm run build`: the extension (Chrome and Firefox zips) and the server bundle; `--if-changed` (npm start)
// rebuilds the extension, and the server bundles, only when their sources differ from the last build's; `--server-only` skips it;
// `--check` only says (exit status) whether the extension build is current.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleServer, productionBundle, ROOT, type ServerEntry } from './bundle-server';
import { EXTENSION_INPUTS, EXTENSION_STAMP, extensionCurrent, SERVER_INPUTS, SERVER_STAMP, serverCurrent, sourceHash } from './build-stamps.mjs';

function buildExtension(hash: string): void {
  const wxt = path.join(ROOT, 'node_modules/.bin/wxt');
  for (const args of [['zip', '-b', 'chrome'], ['zip', '-b', 'firefox', '--mv3']]) {
    const run = spawnSync(wxt, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  fs.writeFileSync(EXTENSION_STAMP, `${hash}\n`);
}

async function main() {
  const ifChanged = process.argv.includes('--if-changed');
  const hash = sourceHash(EXTENSION_INPUTS);
  const current = extensionCurrent(hash);
  // --check: builds nothing; exit 0 when the extension build is current (bench/startup.ts asks before timing `npm start`).
  if (process.argv.includes('--check')) process.exit(current ? 0 : 1);
  // --server-only: the API's bundle alone (deploy/Dockerfile; the extension ships separately).
  if (!process.argv.includes('--server-only') && (!ifChanged || !current)) buildExtension(hash);
  // --if-changed: the server bundles too are rebuilt only when what they are made of changed.
  const entries = ['server/index.ts', 'server/cli.ts'] satisfies ServerEntry[];
  const serverHash = sourceHash(SERVER_INPUTS);
  if (ifChanged && serverCurrent(serverHash)) return;
  for (const entry of entries) await bundleServer(entry, productionBundle(entry));
  fs.writeFileSync(SERVER_STAMP, `${serverHash}\n`);
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exit(1);
});
