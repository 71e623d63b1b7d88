// Extension timings in headless Chromium, read inside the page: popup data shown (cached / fresh), receipt ready to print, each beside an empty extension page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchExtension } from '../tests/helpers/browser';
import { FIRST_DATA_MARK } from '../extension/utils/perf/first-data-mark';
import { SNAPSHOT_KEY } from '../extension/utils/snapshot-key';

/** Medians in ms from navigation start (performance.timeOrigin), each over `repeats` interleaved loads. */
export interface BrowserFigures {
  /** An empty extension page (one module script writing the mark), loaded the same way: the floor. */
  emptyPageMs: number;
  popupCachedMs: number;
  popupFreshMs: number;
  receiptReadyMs: number;
  repeats: number;
}

interface SignedIn {
  apiUrl: string;
  session: { token: string; expiresAt: string; user: unknown };
  profiles: Array<{ accountId: string; role: string }>;
  accountId: string;
  companyName: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const EMPTY_PAGE = 'bench-empty.html';

/**
 * A copy of the built extension with one bench-only page added: an HTML document whose one module
 * script writes the same mark the popup writes. The production build (.output) is never changed.
 */
function extensionWithEmptyPage(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-bench-ext-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, EMPTY_PAGE),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head>' +
      '<body><div id="app"></div><script type="module" src="/bench-empty.js"></script></body></html>\n',
  );
  fs.writeFileSync(path.join(dir, 'bench-empty.js'), `document.getElementById('app').textContent = 'x';\nperformance.mark(${JSON.stringify(FIRST_DATA_MARK)});\n`);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes what a signed-in popup has in chrome.storage.local (WXT's `local:x` is the key `x`). */
async function store(page: Page, values: Record<string, unknown>, clearCache: boolean) {
  await page.evaluate(
    async ({ values, clearCache, snapshotKey }) => {
      const chromeApi = (globalThis as any).chrome;
      if (clearCache) await chromeApi.storage.local.remove('billingCache');
      await chromeApi.storage.local.set(values);
      // The first-frame snapshot (extension/utils/snapshot.ts) must not hold the page either.
      const raw = localStorage.getItem(snapshotKey);
      if (clearCache && raw) localStorage.setItem(snapshotKey, JSON.stringify({ ...JSON.parse(raw), billingCache: {} }));
    },
    { values, clearCache, snapshotKey: SNAPSHOT_KEY },
  );
}

/**
 * Loads `url` and returns the page's own record of its first render with data (the FIRST_DATA_MARK's
 * startTime): read back afterwards, so how often Playwright polls adds nothing to the figure.
 */
async function timeToMark(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? false, FIRST_DATA_MARK, {
      polling: 50,
      timeout: 10_000,
    })
    .catch(async (err) => {
      throw new Error(`${url}: no ${FIRST_DATA_MARK} mark; the page shows: ${(await page.innerText('body')).slice(0, 300)}`, { cause: err });
    });
  return (await handle.jsonValue()) as number;
}

export async function measureBrowser(signedIn: SignedIn, repeats = 15): Promise<BrowserFigures> {
  const copy = extensionWithEmptyPage();
  const ext = await launchExtension(copy.dir);
  try {
    // Stub print: the receipt is "ready to print" when the page calls window.print(), timed in the page.
    await ext.context.addInitScript(() => {
      (window as any).print = () => {
        (window as any).__printedAt = performance.now();
      };
    });
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    const serverUrl = signedIn.apiUrl.replace(/\/api\/v1$/, '');
    const base = {
      serverUrl,
      // The session names the server that issued it (R17), else the popup forgets it unsent.
      session: { ...signedIn.session, serverUrl },
      profiles: signedIn.profiles,
      activeAccountId: signedIn.accountId,
    };
    const popup = ext.url('popup.html');
    const empty: number[] = [];
    const cached: number[] = [];
    const fresh: number[] = [];
    const receipt: number[] = [];
    // One warm-up of each page (first loads compile and fill the HTTP cache), then interleaved rounds.
    for (let i = -1; i < repeats; i++) {
      const e = await timeToMark(page, ext.url(EMPTY_PAGE));
      await store(page, base, true);
      const f = await timeToMark(page, popup);
      const shown = await page.inputValue('#companyName');
      if (shown !== signedIn.companyName) throw new Error(`popup showed "${shown}", not "${signedIn.companyName}"`);
      // The fresh load has just filled the cache: the next open paints from it.
      const c = await timeToMark(page, popup);
      await page.goto(ext.url(`receipt.html?account=${signedIn.accountId}&latest=1&print=1`), { waitUntil: 'commit' });
      const printed = await page.waitForFunction(() => (window as any).__printedAt ?? false, undefined, { polling: 50, timeout: 10_000 });
      const r = (await printed.jsonValue()) as number;
      if (i < 0) continue;
      empty.push(e);
      fresh.push(f);
      cached.push(c);
      receipt.push(r);
    }
    return { emptyPageMs: median(empty), popupCachedMs: median(cached), popupFreshMs: median(fresh), receiptReadyMs: median(receipt), repeats };
  } finally {
    await ext.close();
    copy.remove();
  }
}
