// Size budgets of the built Chrome extension: what each page makes the browser load, gzip-compressed.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const OUTPUT = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
const KB = 1024;
/**
 * 26.0 KB on 2026-11-30 after the ISO 4217 exponent table (0.45 KB, R16), the shared text and mailbox
 * rules (issue 12) and the server-settings and session-ended code (R17); then the Support desk's
 * messages (0.8 KB gzip: one catalog per language, loaded whole; the desk's code and styles are not in
 * the popup), the quick-edit draft, the resolved cases until seen and the one member reason naming
 * the holder (issue 15 §4, §5): 28.9 KB. Issue 14 adds the invoice, history-filter and billing-mail messages
 * (+0.75 KB gzip per catalogue, which every page loads whole), the popup's unpaid-invoice line and the
 * billing-mail fields the quick edit's form code carries: 31.4 KB. The budget leaves a little room and still
 * fails on a new dependency pulled into the popup by mistake; issue 18 (one script, messages split) is what shrinks it.
 * Issue 16's messages (Activity, the next invoice, proposals; ~2 KB gzip) came on top: see POPUP_BUDGET.
 */
/**
 * 35 / 41 KB after issues 14, 16 and 18's snapshot (2026-11-30), with one message catalogue on top. Then
 * issue 18's chunking (scripts/page-chunks.ts): English, the default, is in every page's common chunk and
 * French loads on demand on top of it, so each page has two figures. Measured: popup 31.6 KB for an English
 * reader (was 34.4) and 39.2 KB for a French one (English rides along); the Billing page, the largest, 40.4 / 48.0.
 */
const POPUP_BUDGET = { en: 32 * KB, fr: 40 * KB };
const PAGE_BUDGET = { en: 41 * KB, fr: 49 * KB };
/** Scripts and stylesheets fetched before the first render: each costs about the same whatever its size. */
const FETCH_BUDGET = { popup: 2, page: 3 };

const built = fs.existsSync(path.join(OUTPUT, 'manifest.json'));
if (!built) console.warn(`\n*** BUNDLE BUDGETS SKIPPED: no build in ${OUTPUT}. Run npm run build (npm test does). ***\n`);

const gzipSize = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** The scripts and styles a page's HTML loads, with every chunk those scripts import, as built files. */
function filesLoadedBy(htmlFile: string): string[] {
  const html = fs.readFileSync(path.join(OUTPUT, htmlFile), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => path.join(OUTPUT, m[1]));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.(?:js|css))["']/g)) {
      queue.push(m[1].startsWith('/') ? path.join(OUTPUT, m[1]) : path.resolve(path.dirname(file), m[1]));
    }
  }
  return [...seen];
}

const pages = built ? fs.readdirSync(OUTPUT).filter((f) => f.endsWith('.html')) : [];

/** English is in every page's common chunk; a French reader loads the French messages on top. */
const frenchChunks = built ? fs.readdirSync(path.join(OUTPUT, 'chunks')).filter((f) => /^messages-fr-[\w-]+\.js$/.test(f)) : [];
const frenchMessages = frenchChunks.reduce((n, f) => n + gzipSize(path.join(OUTPUT, 'chunks', f)), 0);

describe.skipIf(!built)('extension bundle budgets (gzip)', () => {
  it('finds the popup among the built pages', () => {
    expect(pages).toContain('popup.html');
  });

  it('has the French messages in one chunk of their own', () => {
    expect(frenchChunks).toHaveLength(1);
  });

  it.each(pages)('%s stays within its budget for an English and a French reader', (page) => {
    const files = filesLoadedBy(page);
    expect(files.length).toBeGreaterThan(0);
    const english = files.reduce((n, f) => n + gzipSize(f), 0);
    const budget = page === 'popup.html' ? POPUP_BUDGET : PAGE_BUDGET;
    const list = files.map((f) => `${path.relative(OUTPUT, f)} ${(gzipSize(f) / KB).toFixed(1)} KB`).join(', ');
    expect(english, `${page} in English: ${(english / KB).toFixed(1)} KB gzip > ${budget.en / KB} KB (${list})`).toBeLessThanOrEqual(budget.en);
    const french = english + frenchMessages;
    expect(french, `${page} in French: ${(french / KB).toFixed(1)} KB gzip > ${budget.fr / KB} KB (${list}, French messages ${(frenchMessages / KB).toFixed(1)} KB)`).toBeLessThanOrEqual(budget.fr);
  });

  it.each(pages)('%s fetches few files before its first render (popup 2, pages 3)', (page) => {
    const files = filesLoadedBy(page).map((f) => path.relative(OUTPUT, f));
    expect(files.length, files.join(', ')).toBeLessThanOrEqual(page === 'popup.html' ? FETCH_BUDGET.popup : FETCH_BUDGET.page);
    // Styles are inside the scripts (?inline): no stylesheet blocks the first paint.
    expect(files.filter((f) => f.endsWith('.css'))).toEqual([]);
  });
});

/**
 * The phone formatter (libphonenumber-js `min` metadata, 28.3 KB gzip on 2026-11-30) is loaded on demand
 * by the pages that show a phone (PhoneText), after they have rendered: no page loads it up front, and
 * it stays within its own budget.
 */
const PHONE_BUDGET = 30 * KB;

describe.skipIf(!built)('the on-demand phone formatter', () => {
  const phoneChunks = built ? fs.readdirSync(path.join(OUTPUT, 'chunks')).filter((f) => /^phone-[\w-]+\.js$/.test(f)) : [];

  it('is one chunk within its budget', () => {
    expect(phoneChunks).toHaveLength(1);
    expect(gzipSize(path.join(OUTPUT, 'chunks', phoneChunks[0]))).toBeLessThanOrEqual(PHONE_BUDGET);
  });

  it.each(pages)('%s does not load it up front', (page) => {
    expect(filesLoadedBy(page).map((f) => path.basename(f))).not.toContain(phoneChunks[0]);
  });
});
