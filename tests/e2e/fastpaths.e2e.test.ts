// End to end: shortcuts and the `bill` omnibox keyword open (and reuse) the right page; the badge follows the profile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiJson, holderSession, printCalls, signInViaPopup, stubPrint } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('fastpaths from the keyboard and the address bar', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let worker: Worker;
  let popup: Page;
  let ada: { token: string; accountId: string };

  /** Runs the service worker's own handlers, as a key press or the omnibox would. */
  const runCommand = (command: string) =>
    worker.evaluate((c) => (globalThis as any).__fastpath.runCommand(c), command);
  const runOmnibox = (text: string) => worker.evaluate((t) => (globalThis as any).__fastpath.runOmnibox(t), text);
  const badge = () =>
    worker.evaluate(async () => ({
      text: await (globalThis as any).chrome.action.getBadgeText({}),
      title: await (globalThis as any).chrome.action.getTitle({}),
    }));

  const tabsOf = (page: string) => ext.context.pages().filter((p) => p.url().startsWith(ext.url(`${page}.html`)));

  /** The one tab showing `page`, once it is there. */
  async function tabOf(page: string): Promise<Page> {
    await expect.poll(() => tabsOf(page).length).toBe(1);
    const tab = tabsOf(page)[0];
    await tab.waitForLoadState('domcontentloaded');
    return tab;
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    await stubPrint(ext);
    worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
    ada = await holderSession(server.baseUrl, 'ada@acme.test');
    popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('opens each fastpath from its command, and a second press reuses the tab', async () => {
    const pages = {
      'open-billing': 'billing',
      'open-billing-history': 'billing-history',
      'open-subscriptions': 'subscriptions',
    } as const;
    for (const [command, page] of Object.entries(pages)) {
      expect(await runCommand(command)).toBe(true);
      const tab = await tabOf(page);
      expect(tab.url()).toContain(`${page}.html?account=${ada.accountId}`);
      await runCommand(command);
      await tab.waitForLoadState('domcontentloaded');
      expect(tabsOf(page)).toHaveLength(1);
    }
    expect(await runCommand('no-such-command')).toBe(false);
  });

  it('"Print latest receipt" opens the newest paid receipt and prints it, again on a second press', async () => {
    const latest = await apiJson(server.baseUrl, `/accounts/${ada.accountId}/invoices?status=paid&limit=1`, { token: ada.token });
    await runCommand('print-latest-receipt');
    const receipt = await tabOf('receipt');
    await expect.poll(() => receipt.getByTestId('invoice-number').textContent()).toBe(latest.items[0].number);
    await expect.poll(() => printCalls(receipt)).toBe(1);

    await receipt.evaluate(() => ((window as any).__marker = 'old page'));
    await runCommand('print-latest-receipt');
    await expect.poll(() => receipt.evaluate(() => (window as any).__marker ?? 'reloaded')).toBe('reloaded');
    await expect.poll(() => printCalls(receipt)).toBe(1);
    expect(tabsOf('receipt')).toHaveLength(1);
  });

  it('`bill receipt FP-…` opens and prints that invoice’s receipt, in the receipt tab already open', async () => {
    const paid = await apiJson(server.baseUrl, `/accounts/${ada.accountId}/invoices?status=paid&limit=5`, { token: ada.token });
    const chosen = paid.items[3];
    await runOmnibox(`receipt ${chosen.number.toLowerCase()}`);
    const receipt = await tabOf('receipt');
    await expect.poll(() => receipt.getByTestId('invoice-number').textContent()).toBe(chosen.number);
    expect(receipt.url()).toContain(`invoice=${chosen.id}`);
    await expect.poll(() => printCalls(receipt)).toBe(1);
    expect(tabsOf('receipt')).toHaveLength(1);
  });

  it('`bill invoice FP-…` opens that invoice\'s page, without printing (issue 14)', async () => {
    const paid = await apiJson(server.baseUrl, `/accounts/${ada.accountId}/invoices?status=paid&limit=5`, { token: ada.token });
    const chosen = paid.items[2];
    await runOmnibox(`invoice ${chosen.number.toLowerCase()}`);
    const invoice = await tabOf('invoice');
    await expect.poll(() => invoice.getByTestId('invoice-number').textContent()).toBe(chosen.number);
    expect(invoice.url()).toContain(`invoice=${chosen.id}`);
    expect(await printCalls(invoice)).toBe(0);
    await invoice.close();
  });

  it('`bill history` and `bill subs` reuse their tabs; an unknown invoice number opens Billing History', async () => {
    const history = await tabOf('billing-history');
    await history.evaluate(() => ((window as any).__marker = 'old page'));
    await runOmnibox('FP-1999-999999');
    await expect.poll(() => history.evaluate(() => (window as any).__marker ?? 'reloaded')).toBe('reloaded');
    await runOmnibox('history');
    await runOmnibox('subs');
    expect(tabsOf('billing-history')).toHaveLength(1);
    expect(tabsOf('subscriptions')).toHaveLength(1);
  });

  it('badges the holder’s unpaid invoice, names it in the tooltip, and clears on sign-out', async () => {
    await expect.poll(badge).toEqual({ text: '', title: 'Fastpath — Acme Corp\nNothing needs your attention.' });
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, popup, server.baseUrl, 'chloe@globex.test');
    await expect.poll(async () => (await badge()).text, { timeout: 10_000 }).toBe('1');
    const { title } = await badge();
    expect(title).toMatch(/^Fastpath — Globex SARL\n/);
    expect(title).toContain('\n1 unpaid invoice');
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(badge).toEqual({ text: '', title: 'Fastpath' });
  });
});
