// End to end: Billing History, one-step receipt printing and subscriptions in Chromium against the API (R4, R9–R11).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, DEMO_PASSWORD as PASSWORD, signInViaPopup as signInThroughPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

const printCalls = (page: Page) => page.evaluate(() => (window as any).__printCalls as number);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

describeWithBrowser()('Billing History, receipts and subscriptions', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let acmeId: string;
  let adaToken: string;
  let popup: Page;

  const api = (path: string, init: RequestInit & { token?: string } = {}) => apiFetch(server.baseUrl, path, init);
  const signInViaPopup = (page: Page, email: string) => signInThroughPopup(ext, page, server.baseUrl, email);

  /** Clicks something that opens an extension page in a new tab, and returns that tab once loaded. */
  async function opensTab(click: () => Promise<void>): Promise<Page> {
    const [tab] = await Promise.all([ext.context.waitForEvent('page'), click()]);
    await tab.waitForLoadState('domcontentloaded');
    return tab;
  }

  /** Waits until the page has printed once, then a little longer, to prove it printed exactly once. */
  async function expectPrintedOnce(page: Page) {
    await expect.poll(() => printCalls(page)).toBe(1);
    await page.waitForTimeout(500);
    expect(await printCalls(page)).toBe(1);
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    await ext.context.addInitScript(() => {
      (window as any).__printCalls = 0;
      window.print = () => {
        (window as any).__printCalls++;
      };
    });
    const created = await (
      await api('/sessions', { method: 'POST', body: JSON.stringify({ email: 'ada@acme.test', password: PASSWORD }) })
    ).json();
    adaToken = created.token;
    acmeId = created.profiles.find((p: { role: string }) => p.role === 'holder').accountId;
    popup = await ext.context.newPage();
    await signInViaPopup(popup, 'ada@acme.test');
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('opens Billing History from the popup and prints one paid receipt with its bill-to snapshot', async () => {
    const history = await opensTab(() => popup.getByRole('button', { name: 'Billing History' }).click());
    expect(history.url()).toContain(`billing-history.html?account=${acmeId}`);
    const rows = history.getByTestId('invoices').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(13);
    expect(await history.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const second = (await rows.nth(1).getAttribute('data-invoice'))!;
    expect(await rows.nth(1).textContent()).toContain('Paid');
    expect(await rows.nth(1).textContent()).toContain('$60.00');

    const receipt = await opensTab(() => rows.nth(1).getByRole('button', { name: /^Print/ }).click());
    expect(receipt.url()).toContain('print=1');
    await expect.poll(() => receipt.getByTestId('invoice-number').textContent()).toBe(second);
    await expectPrintedOnce(receipt);
    const billTo = (await receipt.getByTestId('bill-to').textContent())!;
    expect(billTo).toContain('Acme Corp');
    expect(billTo).toContain('Suite 200');
    expect(await receipt.getByTestId('payment-method').textContent()).toBe('Visa •••• 4242');
    // Printed once: a reload of the tab must not print again.
    expect(receipt.url()).not.toContain('print=1');

    // The snapshot shown is the invoice's own, as the API keeps it (R8).
    const page = await (await api(`/accounts/${acmeId}/invoices?number=${second}`, { token: adaToken })).json();
    const invoice = await (await api(`/accounts/${acmeId}/invoices/${page.items[0].id}`, { token: adaToken })).json();
    expect(billTo).toContain(invoice.billTo.address.line1);
    expect(billTo).toContain(invoice.billTo.contactName);
    await receipt.close();
    await history.close();
  });

  it('"Print latest receipt" in the popup prints the newest paid invoice in one click', async () => {
    const latest = await (await api(`/accounts/${acmeId}/invoices?limit=1`, { token: adaToken })).json();
    const receipt = await opensTab(() => popup.getByRole('button', { name: 'Print latest receipt' }).click());
    expect(receipt.url()).toContain('latest=1');
    await expect.poll(() => receipt.getByTestId('invoice-number').textContent()).toBe(latest.items[0].number);
    await expectPrintedOnce(receipt);
    await receipt.close();

    // And by keyboard: it is a real button.
    await popup.getByRole('button', { name: 'Print latest receipt' }).focus();
    const again = await opensTab(() => popup.keyboard.press('Enter'));
    await expect.poll(() => again.getByTestId('invoice-number').textContent()).toBe(latest.items[0].number);
    await expectPrintedOnce(again);
    await again.close();
  });

  it('cancels a subscription at period end after a confirmation naming the end date, then resumes it', async () => {
    const [sub] = (await (await api(`/accounts/${acmeId}/subscriptions`, { token: adaToken })).json()).items;
    const end = longDate(sub.currentPeriodEnd);
    const page = await opensTab(() => popup.getByRole('button', { name: 'Subscriptions' }).click());
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Your subscription stays active until ${end}, then ends.`);
    await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
    await page.getByTestId('pending-cancel').getByText(`Cancels on ${end}`).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    let fromApi = (await (await api(`/accounts/${acmeId}/subscriptions`, { token: adaToken })).json()).items[0];
    expect(fromApi).toMatchObject({ id: sub.id, status: 'active', cancelAtPeriodEnd: true });

    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await page.getByRole('button', { name: 'Cancel subscription' }).waitFor();
    expect(await page.getByTestId('pending-cancel').count()).toBe(0);
    fromApi = (await (await api(`/accounts/${acmeId}/subscriptions`, { token: adaToken })).json()).items[0];
    expect(fromApi).toMatchObject({ id: sub.id, status: 'active', cancelAtPeriodEnd: false });
    await page.close();
  });

  it('shows a member History, Receipt and Subscriptions disabled with the reason, and the pages refuse too', async () => {
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(popup, 'bob@acme.test');
    await popup.getByLabel('Active profile').selectOption({ label: 'User of Acme Corp' });
    for (const name of ['Billing History', 'Print latest receipt', 'Subscriptions']) {
      await expect.poll(() => popup.getByRole('button', { name }).isDisabled()).toBe(true);
    }
    expect(await popup.getByRole('button', { name: 'Billing', exact: true }).isDisabled()).toBe(false);
    const reason = 'You are signed in as “User of Acme Corp”: only Ada Lovelace, the account holder, can change billing details, view Billing History';
    await expect.poll(() => popup.getByTestId('reason').textContent()).toContain(reason);
    expect(await popup.getByRole('button', { name: 'Billing History' }).getAttribute('aria-describedby')).toBe('member-reason');

    const page = await ext.context.newPage();
    for (const name of ['billing-history', 'receipt', 'subscriptions']) {
      await page.goto(ext.url(`${name}.html?account=${acmeId}&latest=1&print=1`));
      await expect.poll(() => page.getByTestId('reason').textContent()).toContain('“User of Acme Corp”: only Ada Lovelace, the account holder,');
      expect(await page.locator('table').count()).toBe(0);
      expect(await printCalls(page)).toBe(0);
    }
    await page.close();
  });
});
