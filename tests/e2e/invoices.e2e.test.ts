// End to end (issue 14): every invoice opens from Billing History; PDFs, the year's CSV and receipts pack reach the browser under their names; filters, search and yearly totals; in English and French.
import { ibanPrintFormat } from '../../shared/iban-format';
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { invoicePdfName, receiptPdfName, yearCsvName, yearZipName } from '../../shared/document-names';
import { formatAmount } from '../../shared/money';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiJson, holderSession, signInViaPopup, stubPrint } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

const longDate = (iso: string, locale = 'en') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
const thisYear = new Date().getUTCFullYear();

describeWithBrowser()('invoices, documents and the yearly pack', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let page: Page;
  let chloe: { token: string; accountId: string };
  let ada: { token: string; accountId: string };

  const api = (path: string, token: string) => apiJson(server.baseUrl, path, { token });
  const setLanguage = (lang: 'en' | 'fr') =>
    page.evaluate((value) => (globalThis as any).chrome.storage.local.set({ language: value }), lang);

  /** Clicks, and returns the download the browser received with its bytes. */
  async function downloads(click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = await download.path();
    return { download, bytes: fs.readFileSync(file) };
  }

  async function signInAs(email: string) {
    await page.goto(ext.url('popup.html'));
    const signOut = page.getByRole('button', { name: 'Sign out' });
    // The popup shows one or the other once it has read the session.
    await signOut.or(page.getByLabel('Server address')).waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await signInViaPopup(ext, page, server.baseUrl, email);
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    await stubPrint(ext);
    chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
    ada = await holderSession(server.baseUrl, 'ada@acme.test');
    page = await ext.context.newPage();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('chloe opens her open invoice from Billing History and sees its due date, the bank details and the reference', async () => {
    const [open] = (await api(`/accounts/${chloe.accountId}/invoices?status=open`, chloe.token)).items;
    const detail = await api(`/accounts/${chloe.accountId}/invoices/${open.id}`, chloe.token);
    expect(detail.payment).not.toBeNull();
    await signInAs('chloe@globex.test');
    await page.goto(ext.url(`billing-history.html?account=${chloe.accountId}`));
    const row = page.locator(`tr[data-invoice="${open.number}"]`);
    await row.waitFor();
    // Every row has its way to the invoice, the open one included.
    const rows = page.getByTestId('invoices').locator('tbody tr');
    for (let i = 0; i < (await rows.count()); i++) {
      expect(await rows.nth(i).getByRole('link', { name: /^View invoice/ }).count()).toBe(1);
    }
    await row.getByRole('link', { name: `View invoice ${open.number}` }).click();
    await page.getByTestId('invoice').waitFor();
    expect(page.url()).toContain(`invoice.html?account=${chloe.accountId}&invoice=${open.id}`);
    expect(await page.getByTestId('invoice-number').textContent()).toBe(open.number);
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Open');
    expect(await page.getByTestId('due-date').textContent()).toBe(longDate(detail.dueDate));
    const pay = (await page.getByTestId('how-to-pay').textContent())!;
    expect(pay).toContain(`by ${longDate(detail.dueDate)}`);
    expect(pay).toContain(formatAmount(open.total, open.currency, 'en'));
    expect(await page.getByTestId('payment-reference').textContent()).toBe(detail.payment.reference);
    const bank = detail.payment.bank;
    expect(await page.getByTestId('bank-details').textContent()).toContain('iban' in bank ? ibanPrintFormat(bank.iban) : bank.accountNumber);
    expect(await page.getByTestId('bill-to').textContent()).toContain(detail.billTo.companyName);
    expect(await page.getByTestId('total').textContent()).toBe(formatAmount(detail.total, detail.currency, 'en'));
    // An open invoice has no receipt to link to.
    expect(await page.getByRole('link', { name: 'View receipt' }).count()).toBe(0);

    const { download, bytes } = await downloads(() => page.getByRole('button', { name: 'Download PDF' }).click());
    expect(download.suggestedFilename()).toBe(invoicePdfName(open));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the popup line about the unpaid invoice opens that invoice', async () => {
    const [open] = (await api(`/accounts/${chloe.accountId}/invoices?status=open`, chloe.token)).items;
    await page.goto(ext.url('popup.html'));
    const line = page.getByTestId('unpaid-invoices').getByRole('link');
    await expect.poll(() => line.textContent()).toContain(`Invoice ${open.number}`);
    const [tab] = await Promise.all([ext.context.waitForEvent('page'), line.click()]);
    await tab.getByTestId('how-to-pay').waitFor();
    expect(tab.url()).toContain(`invoice=${open.id}`);
    await tab.close();
  });

  it('says in French when the invoice is due and how to pay it', async () => {
    const [open] = (await api(`/accounts/${chloe.accountId}/invoices?status=open`, chloe.token)).items;
    const detail = await api(`/accounts/${chloe.accountId}/invoices/${open.id}`, chloe.token);
    await setLanguage('fr');
    try {
      await page.goto(ext.url(`invoice.html?account=${chloe.accountId}&invoice=${open.id}`));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await page.getByTestId('how-to-pay').waitFor();
      expect(await page.getByRole('heading', { name: 'Comment payer' }).count()).toBe(1);
      expect(await page.getByTestId('invoice-status').textContent()).toBe('À payer');
      // "1er" for the first of a month, as the rest of the French pages write it.
      const due = longDate(detail.dueDate, 'fr').replace(/^1 /, '1er ');
      expect(await page.getByTestId('due-date').textContent()).toBe(due);
      expect(await page.getByTestId('total').textContent()).toBe(formatAmount(detail.total, detail.currency, 'fr'));
      expect(await page.getByRole('button', { name: 'Télécharger le PDF' }).count()).toBe(1);

      await page.goto(ext.url(`billing-history.html?account=${chloe.accountId}`));
      await page.getByLabel('Année', { exact: true }).waitFor();
      await page.getByLabel('Statut').selectOption({ label: 'À payer' });
      await expect.poll(() => page.getByTestId('invoices').locator('tbody tr').count()).toBe(1);
      expect(await page.getByRole('link', { name: `Voir la facture ${open.number}` }).count()).toBe(1);
      expect(await page.getByRole('button', { name: `Télécharger les reçus ${thisYear} (ZIP)` }).count()).toBe(1);
    } finally {
      await setLanguage('en');
    }
  });

  it('shows an unknown invoice as not found, in words', async () => {
    await page.goto(ext.url(`invoice.html?account=${chloe.accountId}&invoice=00000000-0000-4000-8000-000000000000`));
    await expect.poll(() => page.getByTestId('invoice-problem').textContent()).toContain('was not found');
    expect(await page.getByRole('button', { name: 'Download PDF' }).isDisabled()).toBe(true);
  });

  it('chloe, an invoice payer, sets the invoice language and more recipients herself, checked per row as the server checks', async () => {
    const before = (await api(`/accounts/${chloe.accountId}/billing`, chloe.token)).billing;
    expect(before.invoiceRecipients).toEqual([]);
    await page.goto(ext.url(`billing.html?account=${chloe.accountId}`));
    const section = page.locator('#invoice-delivery');
    await section.getByRole('button', { name: 'Add a recipient' }).click();
    await page.getByLabel('Recipient 1', { exact: true }).fill(before.email.toUpperCase());
    await section.getByRole('button', { name: 'Add a recipient' }).click();
    await page.getByLabel('Recipient 2', { exact: true }).fill('ap@globex.test');
    await section.getByRole('button', { name: 'Add a recipient' }).click();
    await page.getByLabel('Recipient 3', { exact: true }).fill('AP@globex.test');
    await section.getByRole('button', { name: 'Save billing mails' }).click();
    await section.getByText('This is the billing e-mail, which gets these mails anyway.').waitFor();
    await section.getByText('This address is already in the list.').waitFor();
    expect(await page.getByLabel('Recipient 3', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // Nothing was sent: the server still has none.
    expect((await api(`/accounts/${chloe.accountId}/billing`, chloe.token)).billing.invoiceRecipients).toEqual([]);

    await section.getByRole('button', { name: 'Remove recipient 1' }).click();
    await page.getByLabel('Recipient 2', { exact: true }).fill('cfo@globex.test');
    const language = before.invoiceLanguage === 'fr' ? 'en' : 'fr';
    await page.getByLabel('Language of invoices and billing mails').selectOption(language);
    await section.getByRole('button', { name: 'Save billing mails' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Saved.');
    const after = (await api(`/accounts/${chloe.accountId}/billing`, chloe.token)).billing;
    expect(after.invoiceRecipients).toEqual(['ap@globex.test', 'cfo@globex.test']);
    expect(after.invoiceLanguage).toBe(language);
  });

  it('ada downloads a receipt PDF under its name, from the receipt and from its invoice', async () => {
    await signInAs('ada@acme.test');
    const latest = (await api(`/accounts/${ada.accountId}/invoices?status=paid&limit=1`, ada.token)).items[0];
    const invoice = await api(`/accounts/${ada.accountId}/invoices/${latest.id}`, ada.token);
    await page.goto(ext.url(`invoice.html?account=${ada.accountId}&invoice=${latest.id}`));
    await page.getByTestId('invoice').waitFor();
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Paid');
    expect(await page.getByTestId('how-to-pay').count()).toBe(0);
    // Paid at issue by card: nothing is due, so no due date beside "Paid on".
    expect(await page.getByTestId('due-date').count()).toBe(0);
    await page.getByRole('link', { name: 'View receipt' }).click();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt-number').textContent()).toBe(invoice.receiptNumber);
    const { download, bytes } = await downloads(() => page.getByRole('button', { name: 'Download PDF' }).click());
    expect(download.suggestedFilename()).toBe(receiptPdfName(latest, invoice.receiptNumber));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // No print dialog for a download.
    expect(await page.evaluate(() => (window as any).__printCalls)).toBe(0);
  });

  it("ada downloads the year's receipts pack and CSV, and a row's invoice PDF, from Billing History", async () => {
    const first = (await api(`/accounts/${ada.accountId}/invoices?limit=1`, ada.token)).items[0];
    await page.goto(ext.url(`billing-history.html?account=${ada.accountId}`));
    const zip = await downloads(() => page.getByRole('button', { name: `Download ${thisYear} receipts (ZIP)` }).click());
    expect(zip.download.suggestedFilename()).toBe(yearZipName(thisYear));
    expect(zip.bytes.subarray(0, 2).toString()).toBe('PK');
    const csv = await downloads(() => page.getByRole('button', { name: `Download ${thisYear} invoices (CSV)` }).click());
    expect(csv.download.suggestedFilename()).toBe(yearCsvName(thisYear));
    expect(csv.bytes.toString('utf8')).toContain(first.number);
    const row = await downloads(() => page.getByRole('button', { name: `Download invoice ${first.number} as PDF` }).click());
    expect(row.download.suggestedFilename()).toBe(invoicePdfName(first));
  });

  it('filters Billing History by year and status, searches by number, and totals the year per currency', async () => {
    const all = (await api(`/accounts/${ada.accountId}/invoices?limit=100`, ada.token)).items as { number: string; issuedAt: string; status: string }[];
    const lastYear = thisYear - 1;
    const ofLastYear = all.filter((i) => i.issuedAt.startsWith(String(lastYear)));
    expect(ofLastYear.length).toBeGreaterThan(0);
    await page.goto(ext.url(`billing-history.html?account=${ada.accountId}`));
    const rows = page.getByTestId('invoices').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(all.length);

    // The year's totals, as the API sums them, in the currency's own decimals.
    const summary = await api(`/accounts/${ada.accountId}/invoices/summary?year=${thisYear}`, ada.token);
    const [totals] = summary.totals;
    const totalsRow = page.getByTestId('year-totals').locator(`tr[data-currency="${totals.currency}"]`);
    await expect.poll(() => totalsRow.getByTestId('invoiced').textContent()).toBe(formatAmount(totals.invoiced, totals.currency, 'en'));
    expect(await totalsRow.getByTestId('paid').textContent()).toBe(formatAmount(totals.paid, totals.currency, 'en'));
    expect(await totalsRow.getByTestId('open').textContent()).toBe(formatAmount(totals.open, totals.currency, 'en'));

    await page.getByLabel('Year', { exact: true }).selectOption(String(lastYear));
    await expect.poll(() => rows.count()).toBe(ofLastYear.length);
    expect(await page.getByRole('heading', { name: `Year ${lastYear}` }).count()).toBe(1);
    const lastSummary = await api(`/accounts/${ada.accountId}/invoices/summary?year=${lastYear}`, ada.token);
    await expect.poll(() => page.getByTestId('year-totals').locator('tbody tr').first().getByTestId('invoiced').textContent())
      .toBe(formatAmount(lastSummary.totals[0].invoiced, lastSummary.totals[0].currency, 'en'));

    await page.getByLabel('Year', { exact: true }).selectOption({ label: 'All years' });
    await expect.poll(() => rows.count()).toBe(all.length);
    const wanted = all[3].number;
    await page.getByLabel('Invoice number contains').fill(wanted.slice(-4).toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows.count()).toBe(all.filter((i) => i.number.toLowerCase().includes(wanted.slice(-4).toLowerCase())).length);
    expect(await page.locator(`tbody tr[data-invoice="${wanted}"]`).count()).toBe(1);

    await page.getByLabel('Invoice number contains').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    const openCount = all.filter((i) => i.status === 'open').length;
    await page.getByLabel('Status').selectOption({ label: 'Open' });
    if (openCount === 0) await page.getByTestId('empty').getByText('No invoice matches these filters.').waitFor();
    else await expect.poll(() => rows.count()).toBe(openCount);
  });
});
