// Compiles a server entry point once per test process into one file (dependencies stay in node_modules),
// so tests that start many processes pay a Node start each, not a TypeScript compile.
import path from 'node:path';
import { build } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const cache = new Map<string, Promise<string>>();

export function bundled(entry: 'server/index.ts' | 'server/cli.ts'): Promise<string> {
  let out = cache.get(entry);
  if (!out) {
    const outfile = path.join(ROOT, 'node_modules/.cache/fastpath-tests', `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
    out = build({
      entryPoints: [path.join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'error',
    }).then(() => outfile);
    cache.set(entry, out);
  }
  return out;
}
