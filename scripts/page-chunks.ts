// How the extension pages' one Rollup build is cut into chunks: few fetches per page (issue 18).
import type { GetManualChunk, ManualChunkMeta } from 'rollup';
import type { InlineConfig } from 'vite';

/** Loaded on demand only, whatever the page: kept apart so no page fetches them up front. */
const ON_DEMAND: Array<[RegExp, string]> = [
  [/\/extension\/locales\/fr\.ts$/, 'messages-fr'],
  [/\/node_modules\/libphonenumber-js\/|\/extension\/utils\/forms\/phone\.ts$|\/shared\/phone-format\.ts$/, 'phone'],
];
const PAGE_ENTRY = /\/extension\/entrypoints\/([\w-]+)\/index\.html$/;

/** Every module `from` imports statically, followed to the end (dynamic imports are not followed). */
function staticClosure(from: string, info: ManualChunkMeta['getModuleInfo']): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(info(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * A `manualChunks` for the extension pages. Each fetch of an extension page costs about the same
 * whatever its size, so: everything the popup loads up front (Preact, the English messages, the
 * styles, its utils and components) is one `common` chunk — the popup fetches its script and that one;
 * what two or more other pages share is one `pages` chunk — a page fetches three scripts, not eleven;
 * what one page alone uses stays in that page's script. The French messages and the phone metadata
 * load on demand in chunks of their own.
 */
export function pageChunks(): GetManualChunk {
  let reach: Map<string, Set<string>> | undefined; // module → the pages that load it up front
  return (id, meta) => {
    for (const [pattern, name] of ON_DEMAND) if (pattern.test(id)) return name;
    if (!reach) {
      reach = new Map();
      for (const entry of meta.getModuleIds()) {
        // A page, or a part a page loads on demand (it shares the page's modules the same way).
        const page = entry.match(PAGE_ENTRY)?.[1] ?? (meta.getModuleInfo(entry)?.dynamicImporters.length ? entry : undefined);
        if (!page) continue;
        for (const m of staticClosure(entry, meta.getModuleInfo)) reach.set(m, (reach.get(m) ?? new Set()).add(page));
      }
    }
    const pages = reach.get(id); // pages, and parts loaded on demand, that need this module
    if (!pages || id.includes('/extension/entrypoints/')) return undefined;
    if (pages.has('popup')) return 'common';
    return pages.size > 1 ? 'pages' : undefined;
  };
}

/** WXT's `vite:build:extendConfig` hook: adds `pageChunks` to the build of the HTML pages only. */
export function fewerPageChunks(entrypoints: readonly { type: string }[], config: InlineConfig): void {
  // Content scripts and the service worker are built one file each already (inlineDynamicImports).
  if (!entrypoints.some((e) => e.type === 'popup')) return;
  const build = (config.build ??= {});
  const output = build.rollupOptions?.output;
  const extra = { manualChunks: pageChunks() };
  build.rollupOptions = {
    ...build.rollupOptions,
    output: Array.isArray(output) ? output.map((o) => ({ ...o, ...extra })) : { ...output, ...extra },
  };
}
