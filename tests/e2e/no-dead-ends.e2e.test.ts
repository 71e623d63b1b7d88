// End to end: no dead ends — a header on every page, Options from the popup, a session ended elsewhere
// explained with the e-mail kept, focus where a keyboard user expects it, and the badge repainted at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('no dead ends', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let worker: Worker;
  let acmeId: string;

  const storedToken = (page: Page) =>
    page.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('session')).session as { token: string }).token);
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const badgeText = () => worker.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}) as Promise<string>);

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
    acmeId = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('starts on E-mail, moves to the heading once signed in, and links to Options', async () => {
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup.getByLabel('Password').waitFor();
    await expect.poll(() => focusedId(popup)).toBe('email');
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
    await expect.poll(() => focusedId(popup)).toBe('H1');

    const [options] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('button', { name: 'Options' }).click()]);
    await options.waitForURL(/options\.html/);
    await popup.close();
  }, 60_000);

  it('gives every page the same header, marking the page it is on', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url(`subscriptions.html?account=${acmeId}`));
    const nav = page.getByRole('navigation', { name: 'Fastpath pages' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Billing', 'Billing History', 'Subscriptions', 'Activity', 'Options']);
    expect(await nav.getByRole('link', { name: 'Subscriptions' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Billing History' }).click();
    await page.getByTestId('invoices').waitFor();
    expect(page.url()).toContain(`billing-history.html?account=${acmeId}`);
    await page.close();
  }, 60_000);

  it('repaints the badge right after a cancellation, without waiting for the alarm', async () => {
    await expect.poll(badgeText).toBe('');
    const page = await ext.context.newPage();
    await page.goto(ext.url(`subscriptions.html?account=${acmeId}`));
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel at period end' }).click();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('1');
    await page.getByRole('button', { name: 'Resume subscription' }).click();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('');
    await page.close();
  }, 60_000);

  it('says so when the session ends elsewhere, and keeps the e-mail', async () => {
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup.getByRole('button', { name: 'Sign out' }).waitFor();
    const token = await storedToken(popup);
    expect((await apiFetch(server.baseUrl, '/sessions/current', { method: 'DELETE', token })).status).toBe(204);

    await popup.reload();
    await popup.getByTestId('session-ended').waitFor();
    expect(await popup.getByTestId('session-ended').textContent()).toContain('Your session ended');
    await expect(popup.getByLabel('E-mail', { exact: true }).inputValue()).resolves.toBe('ada@acme.test');

    // Signing out here on purpose is not news: no such message afterwards.
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await popup.getByLabel('Password').waitFor();
    expect(await popup.getByTestId('session-ended').count()).toBe(0);
  }, 60_000);
});
