// Compiles a server entry point into one ES module for plain `node` (dependencies stay in node_modules).
import path from 'node:path';
import { build } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** The entry points that run as processes: the API and the command line. */
export type ServerEntry = 'server/index.ts' | 'server/cli.ts';

/**
 * Bundles `entry` (relative to the repository root) into `outfile` and resolves to `outfile`. Production
 * (`npm run build`, `npm start`) and the tests that start real processes both use this one function, so
 * what the tests run is what is deployed. Packages are left as imports: better-sqlite3 is native.
 */
export async function bundleServer(entry: ServerEntry, outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Where `npm run build` puts the bundle of `entry`, e.g. dist/server/index.mjs. */
export const productionBundle = (entry: ServerEntry) => path.join(ROOT, 'dist', `${entry.replace(/\.ts$/, '')}.mjs`);
