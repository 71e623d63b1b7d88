// Guard: no page shows a person a phone as stored E.164 ("+14155550100"), in text or in an input (issue 15 §3).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

/** A plus sign followed by 8–15 digits with nothing between them: how E.164 is stored, not how people read it. */
const E164 = /\+\d{8,15}(?!\d)/g;

/** Every E.164-looking phone the page shows: in its text and in its inputs' values. */
async function storedPhonesShown(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => [
    document.body.innerText,
    ...[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value),
  ]);
  return shown.flatMap((text) => text.match(E164) ?? []);
}

describeWithBrowser()('phones as people read them', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function signOutViaPopup(page: Page) {
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }

  /** Waits for the page's phones (text or inputs) to be formatted, then expects no stored form anywhere. */
  async function expectNoStoredPhones(page: Page, what: string) {
    await expect.poll(() => storedPhonesShown(page), { message: what, timeout: 10_000 }).toEqual([]);
  }

  it('on the holder’s popup, Billing page and receipt, and after a phone is saved', async () => {
    const ada = await holderSession(server.baseUrl, 'ada@acme.test');
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
    await popup.locator('#contactPhone').waitFor();
    await expect.poll(() => popup.locator('#contactPhone').inputValue()).toBe('+1 415 555 0100');
    await expectNoStoredPhones(popup, 'popup');

    const billing = await ext.context.newPage();
    await billing.goto(ext.url(`billing.html?account=${ada.accountId}`));
    const phone = billing.locator('[id="contact.phone"]');
    await expect.poll(() => phone.inputValue()).toBe('+1 415 555 0100');
    await expectNoStoredPhones(billing, 'Billing page');
    // Only the formatting differs from what is stored: nothing counts as unsaved.
    for (const discard of await billing.getByRole('button', { name: 'Discard changes' }).all()) expect(await discard.isDisabled()).toBe(true);

    await phone.fill('(415) 555-0142');
    await billing.getByRole('button', { name: 'Save contact information' }).click();
    await expect.poll(() => phone.inputValue()).toBe('+1 415 555 0142');
    const saved = await apiJson(server.baseUrl, `/accounts/${ada.accountId}/billing`, { token: ada.token });
    expect(saved.contact.phone).toBe('+14155550142');
    await expectNoStoredPhones(billing, 'Billing page after the save');

    const receipt = await ext.context.newPage();
    await receipt.goto(ext.url(`receipt.html?account=${ada.accountId}&latest=1`));
    await receipt.getByTestId('receipt-number').waitFor();
    await expectNoStoredPhones(receipt, 'receipt');
  }, 60_000);

  it('on the change-request form, the open case and the support desk', async () => {
    const chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
    const page = await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/billing`, { token: chloe.token });
    const now = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const form = await ext.context.newPage();
    await signOutViaPopup(form);
    await signInViaPopup(ext, form, server.baseUrl, 'chloe@globex.test');
    await form.goto(ext.url(`billing.html?account=${chloe.accountId}#change-request`));
    await form.locator('[id="requested.phone"]').waitFor();
    await expectNoStoredPhones(form, 'change-request form');

    const res = await apiFetch(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, {
      method: 'POST',
      token: chloe.token,
      body: JSON.stringify({ contactEmail: 'chloe@globex.test', current: now, requested: { ...now, phone: '+33 1 42 00 00 00' }, details: 'Nouveau standard.' }),
    });
    expect(res.status).toBe(201);
    const filed = await res.json();
    await form.reload();
    await form.getByTestId('open-case-panel').waitFor();
    await expectNoStoredPhones(form, 'open case');

    const desk = await ext.context.newPage();
    await signOutViaPopup(desk);
    await signInViaPopup(ext, desk, server.baseUrl, 'sam@support.test');
    await desk.goto(ext.url('support.html'));
    await desk.getByRole('link', { name: `Open case ${filed.caseNumber}` }).click();
    await desk.getByTestId('compare').waitFor();
    await expectNoStoredPhones(desk, 'support desk case');
  }, 60_000);
});
