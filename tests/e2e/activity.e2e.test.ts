// End to end (issue 16 §1, §3): ada renames the company, sees the next invoice's line move, and reads it in Activity in both languages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiJson, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('account activity and the next invoice', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let acme: string;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    ({ accountId: acme, token } = await holderSession(server.baseUrl, 'ada@acme.test'));
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('shows the upcoming invoice, then the rename in Activity, in English and French', async () => {
    const upcoming = await apiJson(server.baseUrl, `/accounts/${acme}/invoices/upcoming`, { token });
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${upcoming.billingDate}T00:00:00Z`));
    const page = await ext.context.newPage();
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    await page.goto(ext.url(`billing.html?account=${acme}`));
    const line = page.getByTestId('upcoming-invoice');
    await expect.poll(() => line.textContent()).toContain(`Your next invoice, on ${date}, will be addressed to Acme Corp, 1 Market St`);
    expect(await line.textContent()).toMatch(/changes saved before \w+ \d+ at 00:00 UTC appear on it\.$/);

    await page.locator('[id="contact.companyName"]').fill('Acme Holdings');
    await page.getByRole('button', { name: 'Save contact information' }).click();
    await page.getByTestId('status').getByText('Saved.').waitFor();
    // The line follows the save: the next invoice now goes to the new name.
    await expect.poll(() => line.textContent()).toContain('will be addressed to Acme Holdings, 1 Market St');

    await page.getByTestId('activity-link').click();
    const first = page.getByTestId('activity-entry').first();
    await expect.poll(() => first.getByTestId('change').first().textContent()).toBe('Company name: Acme Corp → Acme Holdings');
    expect(await first.textContent()).toContain('Ada Lovelace (account holder)');
    expect(await first.textContent()).toContain('Billing page changed');
    // Older entries: the invoices the billing run issued, by "Fastpath billing", never by an e-mail.
    expect(await page.getByTestId('activity').textContent()).toContain('Fastpath billing');
    expect(await page.getByTestId('activity').textContent()).not.toMatch(/@/);

    await page.evaluate(() => (globalThis as any).chrome.storage.local.set({ language: 'fr' }));
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await expect.poll(() => first.getByTestId('change').first().textContent()).toBe('Nom de l’entreprise\u00a0: Acme Corp → Acme Holdings');
    expect(await first.textContent()).toContain('Ada Lovelace (titulaire du compte)');
    expect(await first.locator('time').textContent()).toMatch(/^\d+(er)? [a-zéû]+ \d{4} à \d{2}:\d{2} UTC$/);

    // "Show more" pages back through the older entries.
    const before = await page.getByTestId('activity-entry').count();
    await page.getByRole('button', { name: 'Afficher plus' }).click();
    await expect.poll(() => page.getByTestId('activity-entry').count()).toBeGreaterThan(before);
    await page.evaluate(() => (globalThis as any).chrome.storage.local.set({ language: 'en' }));
    await page.close();
  }, 90_000);
});
