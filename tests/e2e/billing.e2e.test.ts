// End to end: the built extension in headless Chromium against the real API (sign-in, save, R2/R3, 412).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, DEMO_PASSWORD as PASSWORD, signInViaPopup as signInThroughPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('extension against the API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let acmeId: string;

  const api = (path: string, init: RequestInit & { token?: string } = {}) => apiFetch(server.baseUrl, path, init);
  const signInViaPopup = (page: Page, email: string) => signInThroughPopup(ext, page, server.baseUrl, email);

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    const res = await api('/sessions', { method: 'POST', body: JSON.stringify({ email: 'ada@acme.test', password: PASSWORD }) });
    const created = await res.json();
    acmeId = created.profiles.find((p: { role: string }) => p.role === 'holder').accountId;
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('lets the holder rename the company from the popup, and it persists', async () => {
    const page = await ext.context.newPage();
    await signInViaPopup(page, 'ada@acme.test');
    await expect.poll(() => page.locator('#companyName').inputValue()).toBe('Acme Corp');
    await page.locator('#companyName').fill('Acme Rockets');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('status').getByText('Saved.').waitFor();

    await page.reload();
    await expect.poll(() => page.locator('#companyName').inputValue()).toBe('Acme Rockets');
    await expect(page.locator('#profile option:checked').textContent()).resolves.toBe('Acme Rockets');

    const login = await (await api('/sessions', { method: 'POST', body: JSON.stringify({ email: 'ada@acme.test', password: PASSWORD }) })).json();
    const billing = await (await api(`/accounts/${acmeId}/billing`, { token: login.token })).json();
    expect(billing.contact.companyName).toBe('Acme Rockets');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  }, 60_000);

  it('shows a member every field disabled, with the reason naming "User of <company>"', async () => {
    const page = await ext.context.newPage();
    await signInViaPopup(page, 'bob@acme.test');
    await page.getByLabel('Active profile').selectOption({ label: 'User of Acme Rockets' });
    await expect.poll(() => page.locator('#companyName').inputValue()).toBe('Acme Rockets');
    for (const id of ['#companyName', '#contactEmail', '#contactPhone']) {
      await expect(page.locator(id).isDisabled()).resolves.toBe(true);
    }
    await expect(page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).resolves.toBe(true);
    // One reason for the whole popup (issue 15 §4), naming the profile and the holder.
    await expect.poll(() => page.getByTestId('reason').textContent()).toContain('“User of Acme Rockets”: only Ada Lovelace, the account holder,');
    expect(await page.getByTestId('reason').count()).toBe(1);
    expect(await page.getByText('the account holder', { exact: false }).count()).toBe(1);
    await expect(page.getByRole('button', { name: 'Billing History' }).isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  }, 60_000);

  it('keeps what was typed and shows the fresh values when someone else saved first (412)', async () => {
    const popup = await ext.context.newPage();
    await signInViaPopup(popup, 'ada@acme.test');
    const first = await ext.context.newPage();
    const second = await ext.context.newPage();
    for (const tab of [first, second]) {
      await tab.goto(ext.url(`billing.html?account=${acmeId}`));
      await expect.poll(() => tab.locator('[id="contact.companyName"]').inputValue()).toBe('Acme Rockets');
    }

    await first.locator('[id="contact.companyName"]').fill('Acme One');
    await first.getByRole('button', { name: 'Save contact information' }).click();
    await first.getByTestId('status').getByText('Saved.').waitFor();

    await second.locator('[id="contact.companyName"]').fill('Acme Two');
    await second.locator('[id="contact.firstName"]').fill('Augusta');
    await second.getByRole('button', { name: 'Save contact information' }).click();
    await second.getByTestId('status').getByText('This page was changed since you opened it.').waitFor();
    expect(await second.getByTestId('status').textContent()).not.toContain('Someone else');
    await expect(second.locator('[id="contact.companyName"]').inputValue()).resolves.toBe('Acme Two');
    await expect(second.locator('[id="contact.firstName"]').inputValue()).resolves.toBe('Augusta');
    // "Saved now" only under the field the other save changed, not under every typed one.
    await expect(second.getByTestId('saved-now').allTextContents()).resolves.toEqual(['Saved now: Acme One']);
    expect(await second.locator('[id="contact.companyName"]').getAttribute('aria-describedby')).toContain('saved');

    // The fresh version was adopted, so saving again goes through.
    await second.getByRole('button', { name: 'Save contact information' }).click();
    await second.getByTestId('status').getByText('Saved.').waitFor();
    const login = await (await api('/sessions', { method: 'POST', body: JSON.stringify({ email: 'ada@acme.test', password: PASSWORD }) })).json();
    const billing = await (await api(`/accounts/${acmeId}/billing`, { token: login.token })).json();
    expect(billing.contact.companyName).toBe('Acme Two');
    expect(billing.contact.firstName).toBe('Augusta');
  }, 60_000);

  it('in the popup too, a stale save keeps the typed value and shows the saved one', async () => {
    // Still signed in as ada from the previous test.
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await expect.poll(() => popup.locator('#contactPhone').inputValue()).toBe('+1 415 555 0100');
    const tab = await ext.context.newPage();
    await tab.goto(ext.url(`billing.html?account=${acmeId}`));
    await tab.locator('[id="contact.phone"]').fill('+1 415 555 0111');
    await tab.getByRole('button', { name: 'Save contact information' }).click();
    await tab.getByTestId('status').getByText('Saved.').waitFor();

    await popup.locator('#contactPhone').fill('+1 415 555 0122');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.getByTestId('status').getByText('This page was changed since you opened it.').waitFor();
    await expect(popup.locator('#contactPhone').inputValue()).resolves.toBe('+1 415 555 0122');
    await expect(popup.getByTestId('saved-now').textContent()).resolves.toBe('Saved now: +1 415 555 0111');
  }, 60_000);
});
