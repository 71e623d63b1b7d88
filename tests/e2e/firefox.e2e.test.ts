// End to end in a real Firefox ESR: the Firefox build against the real API on http://localhost:PORT.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { clickButton, describeWithFirefox, launchFirefox, retype, until, waitForButton, type LaunchedFirefox } from '../helpers/firefox';
import { apiJson, DEMO_PASSWORD, holderSession } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

/** The Billing page names its fields by their path in the API's Billing page. */
const COMPANY_FIELD = '[id="contact.companyName"]';
const text = (page: Page) => page.evaluate(() => document.body.innerText);
const valueIs = (page: Page, selector: string, value: string) =>
  until(page, ([sel, v]) => (document.querySelector(sel) as HTMLInputElement | null)?.value === v, [selector, value], `${selector} = ${value}`);
const textIncludes = (page: Page, selector: string, value: string) =>
  until(page, ([sel, v]) => !!document.querySelector(sel)?.textContent?.includes(v), [selector, value], `"${value}" in ${selector}`);

describeWithFirefox()('the Firefox build in Firefox ESR', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let firefox: LaunchedFirefox;
  /** A server address with a port on a host the manifest does not grant: Firefox needs a port-less pattern. */
  let serverUrl: string;
  let acmeId: string;

  async function signIn(email: string): Promise<Page> {
    const popup = await firefox.open('popup.html', '#serverUrl');
    await retype(popup, '#serverUrl', serverUrl);
    await retype(popup, '#email', email);
    await popup.type('#password', DEMO_PASSWORD);
    await clickButton(popup, 'Sign in');
    await waitForButton(popup, 'Sign out');
    return popup;
  }

  beforeAll(async () => {
    server = await startTestServer();
    serverUrl = server.baseUrl.replace('127.0.0.1', 'localhost');
    acmeId = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
    firefox = await launchFirefox();
  }, 60_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('signs ada in at localhost:PORT and saves a new phone from the popup', async () => {
    const popup = await signIn('ada@acme.test');
    await valueIs(popup, '#companyName', 'Acme Corp');
    await retype(popup, '#contactPhone', '+1 415 555 0199');
    await clickButton(popup, 'Save');
    await textIncludes(popup, '[data-testid="status"]', 'Saved.');

    const { token } = await holderSession(server.baseUrl, 'ada@acme.test');
    const page = await apiJson(server.baseUrl, `/accounts/${acmeId}/billing`, { token });
    expect(page.contact.phone).toBe('+14155550199');
    await popup.close();
  }, 60_000);

  it('opens Billing, Billing History and a receipt', async () => {
    const billing = await firefox.open(`billing.html?account=${acmeId}`, COMPANY_FIELD);
    await valueIs(billing, COMPANY_FIELD, 'Acme Corp');
    expect(await billing.$eval('h1', (h) => h.textContent)).toContain('Billing');
    await billing.close();

    const history = await firefox.open(`billing-history.html?account=${acmeId}`, '[data-testid="invoices"] tbody tr');
    await until(history, () => document.querySelectorAll('[data-testid="invoices"] tbody tr').length === 13, null, '13 invoices');
    const number = await history.$eval('[data-testid="invoices"] tbody tr', (row) => row.getAttribute('data-invoice'));
    expect(await text(history)).toContain('Paid');
    await history.close();

    // The newest row is the latest paid invoice: its receipt is the one "Print latest receipt" opens.
    const receipt = await firefox.open(`receipt.html?account=${acmeId}&latest=1`, '[data-testid="receipt-number"]');
    expect(await receipt.$eval('[data-testid="invoice-number"]', (el) => el.textContent)).toBe(number);
    expect(await receipt.$eval('[data-testid="bill-to"]', (el) => el.textContent)).toContain('Acme Corp');
    await receipt.close();
  }, 60_000);

  it('switches to French in Options, and the pages follow', async () => {
    const options = await firefox.open('options.html', '#language');
    await options.select('#language', 'fr');
    await clickButton(options, 'Save language');
    await textIncludes(options, 'h1', 'Options de Fastpath');
    await options.close();

    const billing = await firefox.open(`billing.html?account=${acmeId}`, COMPANY_FIELD);
    await textIncludes(billing, 'h1', 'Facturation');
    await billing.close();

    const back = await firefox.open('options.html', '#language');
    await back.select('#language', 'en');
    await clickButton(back, 'Enregistrer la langue');
    await textIncludes(back, 'h1', 'Fastpath options');
    await back.close();
  }, 60_000);

  it('shows bob the greyed page of the account he is only a user of', async () => {
    const ada = await firefox.open('popup.html', '#companyName');
    await clickButton(ada, 'Sign out');
    // What ada sees once she is signed out: the sign-in form.
    await until(ada, () => document.querySelector('#serverUrl') !== null, null, 'the sign-in form');
    await ada.close();

    const popup = await signIn('bob@acme.test');
    await popup.select('#profile', acmeId);
    await valueIs(popup, '#companyName', 'Acme Corp');
    for (const id of ['#companyName', '#contactEmail', '#contactPhone']) {
      expect(await popup.$eval(id, (el) => (el as HTMLInputElement).disabled)).toBe(true);
    }
    expect(await popup.$eval('[data-testid="reason"]', (el) => el.textContent)).toContain('“User of Acme Corp”');
    await popup.close();
  }, 60_000);
});
