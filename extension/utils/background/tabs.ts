// Opening an extension page in a tab, reusing a tab that already shows it.
import { browser } from 'wxt/browser';

// `history` would be taken by WXT as Chrome's History-page override, hence `billing-history`.
export type ExtensionPage = 'billing' | 'billing-history' | 'receipt' | 'subscriptions' | 'activity' | 'options' | 'support';

/** Extra query parameters after `account`, e.g. `{ invoice, print: '1' }` for a receipt. */
export type PageParams = Record<string, string | undefined>;

export function pageUrl(page: ExtensionPage, accountId?: string, hash?: string, params: PageParams = {}): string {
  const base = browser.runtime.getURL(`/${page}.html`);
  const query = new URLSearchParams();
  if (accountId) query.set('account', accountId);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  const search = query.toString();
  return base + (search ? `?${search}` : '') + (hash ? `#${hash}` : '');
}

export async function openExtensionPage(
  page: ExtensionPage,
  accountId?: string,
  hash?: string,
  params?: PageParams,
) {
  const url = pageUrl(page, accountId, hash, params);
  const prefix = browser.runtime.getURL(`/${page}.html`);
  let tabs: { id?: number; windowId?: number; url?: string }[] = [];
  try {
    tabs = await browser.tabs.query({ url: `${prefix}*` });
  } catch {
    // Some browsers reject extension URLs as match patterns; then we simply open a new tab.
  }
  const existing = tabs.find((tab) => tab.url?.startsWith(prefix) && tab.id !== undefined);
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true, url });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
  } else {
    await browser.tabs.create({ url });
  }
}
