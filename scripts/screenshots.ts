// Remakes the README's screenshots: the built Chrome extension in headless Chromium against a demo server, EN and FR.
// Run `npm run build` first, then `npm run screenshots`; the pictures land in docs/screenshots/<lang>/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../tests/helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup, stubPrint } from '../tests/helpers/popup';
import { startTestServer } from '../tests/helpers/server';

type Lang = 'en' | 'fr';
const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
/** Roughly a toolbar popup's size, and a laptop tab's. */
const POPUP = { width: 380, height: 640 };
const TAB = { width: 1100, height: 900 };

interface Shot {
  name: string;
  page: (accounts: { acme: string }) => string;
  ready: (p: Page) => Promise<unknown>;
  size: { width: number; height: number };
}

const HOLDER_SHOTS: Shot[] = [
  { name: 'popup', page: () => 'popup.html', ready: (p) => p.locator('#companyName').waitFor(), size: POPUP },
  { name: 'billing', page: (a) => `billing.html?account=${a.acme}`, ready: (p) => p.locator('input').first().waitFor(), size: TAB },
  { name: 'billing-history', page: (a) => `billing-history.html?account=${a.acme}`, ready: (p) => p.getByTestId('invoices').waitFor(), size: TAB },
  { name: 'receipt', page: (a) => `receipt.html?account=${a.acme}&latest=1`, ready: (p) => p.getByTestId('bill-to').getByTestId('phone').getByText(/^\(\d{3}\)/).waitFor(), size: TAB },
  { name: 'subscriptions', page: (a) => `subscriptions.html?account=${a.acme}`, ready: (p) => p.locator('table').waitFor(), size: TAB },
  { name: 'options', page: () => 'options.html', ready: (p) => p.getByTestId('shortcuts').waitFor(), size: TAB },
];

/** chloe files a billing change (typing an old phone as current), so the desk has a case with differences to show. */
async function fileDemoCase(serverUrl: string) {
  const chloe = await holderSession(serverUrl, 'chloe@globex.test');
  const base = `/accounts/${chloe.accountId}`;
  const open = (await apiJson(serverUrl, `${base}/change-requests`, { token: chloe.token })).items.filter((c: { status: string }) => c.status === 'open');
  if (open.length) return;
  const billing = (await apiJson(serverUrl, `${base}/billing`, { token: chloe.token })).billing;
  const now = { address: billing.address, phone: billing.phone, email: billing.email };
  const body = {
    contactEmail: 'chloe@globex.test',
    current: { ...now, phone: '+33 1 42 86 00 00' },
    requested: { ...now, address: { ...now.address, line1: '42 avenue de l’Opéra', postalCode: '75002' }, email: 'factures@globex.test' },
    details: 'Our accounts department moved to the Opéra building.',
  };
  await apiFetch(serverUrl, `${base}/change-requests`, { method: 'POST', token: chloe.token, body: JSON.stringify(body) });
}

async function main() {
  const server = await startTestServer();
  const ext = await launchExtension();
  try {
    await stubPrint(ext);
    const acme = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
    const page = await ext.context.newPage();
    const setLanguage = (lang: Lang) => page.evaluate((value) => (globalThis as any).chrome.storage.local.set({ language: value }), lang);
    async function shoot(lang: Lang, name: string, url: string, ready: Shot['ready'], size: Shot['size']) {
      await page.setViewportSize(size);
      await page.goto(ext.url(url));
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await ready(page);
      const file = path.join(OUT, lang, `${name}.png`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: size === TAB });
      console.log(path.relative(process.cwd(), file));
    }

    await page.goto(ext.url('popup.html'));
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'popup-signed-out', 'popup.html', (p) => p.locator('#password').waitFor(), POPUP);
    }
    await setLanguage('en');
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      for (const shot of HOLDER_SHOTS) await shoot(lang, shot.name, shot.page({ acme }), shot.ready, shot.size);
    }
    // Account activity and the next invoice (issue 16): a billing e-mail change to show, then both pictures.
    const ada = await holderSession(server.baseUrl, 'ada@acme.test');
    const current = await apiFetch(server.baseUrl, `/accounts/${acme}/billing`, { token: ada.token });
    await apiFetch(server.baseUrl, `/accounts/${acme}/billing`, {
      method: 'PATCH', token: ada.token, headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: JSON.stringify({ billing: { email: 'accounts@acme.test', address: { line1: '2 Mission St' } } }),
    });
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'activity', `activity.html?account=${acme}`, (p) => p.getByTestId('change').first().waitFor(), TAB);
      await shoot(lang, 'upcoming-invoice', `billing.html?account=${acme}`, (p) => p.getByTestId('upcoming-invoice').waitFor(), { width: 1100, height: 420 });
    }
    // chloe's open invoice (issue 14): due date, bank details and the reference to quote.
    await setLanguage('en');
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Server address').waitFor();
    await signInViaPopup(ext, page, server.baseUrl, 'chloe@globex.test');
    const chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
    const [open] = (await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/invoices?status=open`, { token: chloe.token })).items;
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'invoice', `invoice.html?account=${chloe.accountId}&invoice=${open.id}`, (p) => p.getByTestId('how-to-pay').waitFor(), TAB);
    }
    // A member sees the same page greyed, with the reason (R3).
    await setLanguage('en');
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Server address').waitFor();
    await signInViaPopup(ext, page, server.baseUrl, 'bob@acme.test');
    await page.getByLabel('Active profile').selectOption(acme);
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'popup-member', 'popup.html', (p) => p.getByTestId('reason').waitFor(), POPUP);
      await shoot(lang, 'billing-member', `billing.html?account=${acme}`, (p) => p.getByTestId('reason').waitFor(), TAB);
    }
    // Proposals (issue 16 §2): bob proposes a new company phone and billing city; ada sees it waiting on her Billing page.
    const bob = await apiJson(server.baseUrl, '/sessions', { method: 'POST', body: JSON.stringify({ email: 'bob@acme.test', password: 'fastpath-demo' }) });
    await apiFetch(server.baseUrl, `/accounts/${acme}/proposals`, {
      method: 'POST', token: bob.token,
      body: JSON.stringify({ changes: { contact: { phone: '+1 415 555 0199' }, billing: { address: { line1: '500 Howard St', postalCode: '94105' } } }, note: 'We moved: new switchboard and billing address.' }),
    });
    await setLanguage('en');
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'proposals', `billing.html?account=${acme}`, (p) => p.getByTestId('proposal').waitFor(), { width: 1100, height: 720 });
    }
    // The Support desk (issue 17): chloe's case in sam's queue, then opened beside the account.
    await fileDemoCase(server.baseUrl);
    await setLanguage('en');
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Server address').waitFor();
    await signInViaPopup(ext, page, server.baseUrl, 'sam@support.test');
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await shoot(lang, 'popup-support', 'popup.html', (p) => p.getByTestId('support-queue-count').waitFor(), POPUP);
      await shoot(lang, 'support-desk', 'support.html', (p) => p.getByTestId('queue').waitFor(), TAB);
      await shoot(lang, 'support-case', 'support.html', async (p) => {
        await p.getByTestId('queue-row').first().getByRole('link').click();
        await p.getByTestId('compare').waitFor();
      }, TAB);
    }
  } finally {
    await ext.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
