// Compiles a server entry point and its dependencies into one ES module for plain `node`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { BUNDLED_FONT_DIR, FONT_FILES, packageFontDir } from '../server/documents/fonts';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** The entry points that run as processes: the API and the command line. */
export type ServerEntry = 'server/index.ts' | 'server/cli.ts';

/** Left as imports: better-sqlite3 loads its compiled addon from its own folder; pg-native is optional and absent. */
const EXTERNAL = ['better-sqlite3', 'pg-native'];

/**
 * Bundles `entry` (relative to the repository root) into `outfile` and resolves to `outfile`. Production
 * (`npm run build`, `npm start`) and the tests that start real processes both use this one function, so
 * what the tests run is what is deployed. The dependencies are bundled too: one file to read instead of
 * hundreds to resolve halves the start (bench/startup.ts). CommonJS dependencies get a `require` for
 * Node's built-in modules through createRequire.
 */
export async function bundleServer(entry: ServerEntry, outfile: string): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    outfile,
    logLevel: 'error',
  });
  copyFonts(path.dirname(outfile));
  return outfile;
}

/**
 * The PDFs' fonts beside the bundle (`<dir>/fonts/`, with the font licence): the production image
 * copies dist/server only, without node_modules (deploy/Dockerfile), and a font cannot be bundled as code.
 */
function copyFonts(dir: string) {
  const from = packageFontDir();
  if (!from) throw new Error('dejavu-fonts-ttf is not installed: run npm install');
  const to = path.join(dir, BUNDLED_FONT_DIR);
  fs.mkdirSync(to, { recursive: true });
  for (const file of Object.values(FONT_FILES)) fs.copyFileSync(path.join(from, file), path.join(to, file));
  fs.copyFileSync(path.join(from, '..', 'LICENSE'), path.join(to, 'LICENSE-DejaVu'));
}

/** Where `npm run build` puts the bundle of `entry`, e.g. dist/server/index.mjs. */
export const productionBundle = (entry: ServerEntry) => path.join(ROOT, 'dist', `${entry.replace(/\.ts$/, '')}.mjs`);
