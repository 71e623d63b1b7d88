// Bundles a server entry point once per test process with the production build's own function, so tests
// that start many processes pay a Node start each, not a TypeScript compile, and run what is deployed.
import path from 'node:path';
import { bundleServer, ROOT, type ServerEntry } from '../../scripts/bundle-server';

export { ROOT };
const cache = new Map<string, Promise<string>>();

export function bundled(entry: ServerEntry): Promise<string> {
  let out = cache.get(entry);
  if (!out) {
    out = bundleServer(entry, path.join(ROOT, 'node_modules/.cache/fastpath-tests', `${path.basename(entry, '.ts')}-${process.pid}.mjs`));
    cache.set(entry, out);
  }
  return out;
}
