// End to end: forms that know the country (issue 15 §3): country select, human phones, "1er", highlighted empty fields.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, DEMO_PASSWORD as PASSWORD, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('forms that know the country', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let acmeId: string;

  const chosenCountry = (page: Page, path: string) =>
    page.locator(`[id="${path}"]`).evaluate((el) => {
      const select = el as HTMLSelectElement;
      return { value: select.value, name: select.selectedOptions[0]?.textContent };
    });
  const setLanguage = (page: Page, language: 'en' | 'fr') =>
    page.evaluate((l) => (globalThis as any).chrome.storage.local.set({ language: l }), language);

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    acmeId = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('highlights the empty sign-in fields it names', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    await page.getByLabel('Server address').fill(server.baseUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('status').getByText('check the highlighted fields', { exact: false }).waitFor();
    for (const id of ['#email', '#password']) {
      await expect(page.locator(id).getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator(`${id}--problem`).textContent()).resolves.toBe('Required.');
    }
    await page.getByLabel('E-mail', { exact: true }).fill('ada@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  }, 60_000);

  it('offers the country by name and saves its code; the Billing page inputs carry the server limits', async () => {
    const page = await ext.context.newPage();
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    await page.goto(ext.url(`billing.html?account=${acmeId}`));
    await expect.poll(() => chosenCountry(page, 'contact.address.country')).toEqual({ value: 'US', name: 'United States' });
    const maxLengths = await page.locator('main form input:not([type=checkbox])').evaluateAll((inputs) =>
      inputs.map((i) => [i.id, (i as HTMLInputElement).maxLength]),
    );
    expect(maxLengths.length).toBeGreaterThan(10);
    for (const [id, max] of maxLengths) expect(max, String(id)).toBeGreaterThan(0);

    // Contact address and billing address under their own headings; billing can copy the contact address.
    await page.getByRole('heading', { name: 'Contact address' }).waitFor();
    await page.getByRole('heading', { name: 'Billing address' }).waitFor();
    await page.locator('[id="contact.address.country"]').selectOption({ label: 'Canada' });
    await page.getByLabel('Same as contact address').check();
    await expect.poll(() => chosenCountry(page, 'billing.address.country')).toEqual({ value: 'CA', name: 'Canada' });
    await page.locator('[id="contact.address.country"]').selectOption({ label: 'United States' });
    await expect.poll(() => chosenCountry(page, 'billing.address.country')).toEqual({ value: 'US', name: 'United States' });
    await page.getByRole('button', { name: 'Save billing information' }).click();
    await page.getByTestId('status').getByText('Saved.').waitFor();
    const { token } = await holderSession(server.baseUrl, 'ada@acme.test');
    const saved = await (await apiFetch(server.baseUrl, `/accounts/${acmeId}/billing`, { token })).json();
    expect(saved.billing.address).toMatchObject({ line1: '1 Market St', line2: null, country: 'US' });

    await setLanguage(page, 'fr');
    await page.reload();
    await expect.poll(() => chosenCountry(page, 'contact.address.country')).toEqual({ value: 'US', name: 'États-Unis' });
    await setLanguage(page, 'en');
    await page.close();
  }, 60_000);

  it('prints the receipt with a human phone, the address in its country\'s order and French "1er"', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url(`receipt.html?account=${acmeId}&latest=1`));
    const billTo = page.getByTestId('bill-to');
    await expect.poll(() => billTo.getByTestId('phone').textContent()).toMatch(/^\(415\) 555-01\d\d$/);
    await expect(billTo.textContent()).resolves.toContain('San Francisco, CA 94105');

    await setLanguage(page, 'fr');
    await page.reload();
    await page.getByTestId('receipt').waitFor();
    // Demo invoices run from the first of a month to the first of the next.
    await expect(page.getByTestId('receipt').textContent()).resolves.toMatch(/1er [a-zéû]+\.?\s*–\s*1er [a-zéû]+\.?/);
    await setLanguage(page, 'en');
    await page.close();
  }, 60_000);
});
