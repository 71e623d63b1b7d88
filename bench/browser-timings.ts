// Extension timings in headless Chromium: popup to account data painted (cached / fresh), receipt to ready-to-print.
import type { Page } from 'playwright-core';
import { launchExtension } from '../tests/helpers/browser';

export interface BrowserFigures {
  popupCachedMs: number;
  popupFreshMs: number;
  receiptReadyMs: number;
}

interface SignedIn {
  apiUrl: string;
  session: { token: string; expiresAt: string; user: unknown };
  profiles: Array<{ accountId: string; role: string }>;
  accountId: string;
  companyName: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Writes what a signed-in popup has in chrome.storage.local (WXT's `local:x` is the key `x`). */
async function store(page: Page, values: Record<string, unknown>, clearCache: boolean) {
  await page.evaluate(
    async ({ values, clearCache }) => {
      const chromeApi = (globalThis as any).chrome;
      if (clearCache) await chromeApi.storage.local.remove('billingCache');
      await chromeApi.storage.local.set(values);
    },
    { values, clearCache },
  );
}

/** ms from navigation start (performance.timeOrigin) to the first frame where `selector` holds `value`. */
async function timeToValue(page: Page, url: string, selector: string, value: string) {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ({ selector, value }) => {
      const el = document.querySelector(selector) as HTMLInputElement | null;
      return el && el.value === value ? performance.now() : false;
    },
    { selector, value },
    { polling: 'raf', timeout: 10_000 },
  );
  return (await handle.jsonValue()) as number;
}

export async function measureBrowser(signedIn: SignedIn, repeats = 5): Promise<BrowserFigures> {
  const ext = await launchExtension();
  try {
    // Stub print: the receipt is "ready to print" when the page calls window.print().
    await ext.context.addInitScript(() => {
      (window as any).print = () => {
        (window as any).__printedAt = performance.now();
      };
    });
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    const base = {
      serverUrl: signedIn.apiUrl.replace(/\/api\/v1$/, ''),
      session: signedIn.session,
      profiles: signedIn.profiles,
      activeAccountId: signedIn.accountId,
    };
    const popup = ext.url('popup.html');
    const cached: number[] = [];
    const fresh: number[] = [];
    const receipt: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await store(page, base, true);
      fresh.push(await timeToValue(page, popup, '#companyName', signedIn.companyName));
      // The fresh load has just filled the cache: the next open paints from it.
      cached.push(await timeToValue(page, popup, '#companyName', signedIn.companyName));
      await page.goto(ext.url(`receipt.html?account=${signedIn.accountId}&latest=1&print=1`), { waitUntil: 'commit' });
      const printed = await page.waitForFunction(() => (window as any).__printedAt ?? false, undefined, { timeout: 10_000 });
      receipt.push((await printed.jsonValue()) as number);
    }
    return { popupCachedMs: median(cached), popupFreshMs: median(fresh), receiptReadyMs: median(receipt) };
  } finally {
    await ext.close();
  }
}
