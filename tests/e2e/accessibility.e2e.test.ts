// Accessibility: axe-core finds no serious or critical violation on the popup and every page, in English
// and French, light and dark; and the popup works from the keyboard alone with a visible focus.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup, stubPrint } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

type Lang = 'en' | 'fr';

describeWithBrowser()('accessibility (axe-core) in English and French', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let page: Page;
  let accountId: string;

  /** The language choice as Options stores it (`local:language` in utils/storage.ts). */
  const setLanguage = (lang: Lang | 'auto') =>
    page.evaluate((value) => (globalThis as any).chrome.storage.local.set({ language: value }), lang);

  /** Serious and critical violations on the page as it is now, light then dark, as readable lines. */
  async function violations(label: string): Promise<string[]> {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      for (const v of result.violations) {
        if (process.env.AXE_VERBOSE) console.log(`${label} (${colorScheme}) ${v.impact} ${v.id} ×${v.nodes.length}`);
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        found.push(`${label} (${colorScheme}) ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await page.emulateMedia({ colorScheme: null });
    return found;
  }

  /** Opens an extension page and waits until it has rendered its main content in `lang`. */
  async function open(path: string, lang: Lang, ready: (p: Page) => Promise<unknown>) {
    await page.goto(ext.url(path));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await ready(page);
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    await stubPrint(ext);
    accountId = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
    page = await ext.context.newPage();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('notices a nameless button and unreadable text (the check itself)', async () => {
    await page.goto(ext.url('popup.html'));
    await page.locator('form').waitFor();
    await page.evaluate(() => {
      document.body.append(document.createElement('button'));
      const faint = Object.assign(document.createElement('p'), { textContent: 'faint' });
      faint.style.color = '#777';
      faint.style.background = '#888';
      document.body.append(faint);
    });
    const found = await violations('canary');
    expect(found.some((line) => line.includes('(light) button-name'))).toBe(true);
    expect(found.some((line) => line.includes('(dark) color-contrast'))).toBe(true);
  });

  it('finds nothing serious on the signed-out popup, in both languages', { timeout: 120_000 }, async () => {
    const found: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      await page.goto(ext.url('popup.html'));
      await setLanguage(lang);
      await open('popup.html', lang, (p) => p.locator('form').waitFor());
      found.push(...(await violations(`popup signed out [${lang}]`)));
    }
    expect(found).toEqual([]);
  });

  it('finds nothing serious on the signed-in popup and every page, in both languages', { timeout: 240_000 }, async () => {
    await setLanguage('en');
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    const ada = await holderSession(server.baseUrl, 'ada@acme.test');
    const [paid] = (await apiJson(server.baseUrl, `/accounts/${accountId}/invoices?status=paid&limit=1`, { token: ada.token })).items;
    const pages: [string, (p: Page) => Promise<unknown>][] = [
      ['popup.html', (p) => p.locator('#companyName').waitFor()],
      [`billing.html?account=${accountId}`, (p) => p.locator('input').first().waitFor()],
      [`billing-history.html?account=${accountId}`, (p) => p.getByTestId('invoices').waitFor()],
      [`receipt.html?account=${accountId}&latest=1`, (p) => p.getByTestId('invoice-number').waitFor()],
      [`invoice.html?account=${accountId}&invoice=${paid.id}`, (p) => p.getByTestId('receipt-link').waitFor()],
      [`subscriptions.html?account=${accountId}`, (p) => p.locator('table').waitFor()],
      ['options.html', (p) => Promise.all([p.getByTestId('shortcuts').waitFor(), p.getByTestId('password-section').waitFor()])],
    ];
    const found: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      for (const [path, ready] of pages) {
        await open(path, lang, ready);
        found.push(...(await violations(`${path.split('?')[0]} [${lang}]`)));
      }
    }
    await setLanguage('en');
    expect(found).toEqual([]);
  });

  it('reaches and opens Billing from the popup with the keyboard alone, with a visible focus', async () => {
    await setLanguage('en');
    await open('popup.html', 'en', (p) => p.locator('#companyName').waitFor());
    await page.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 15 && !reached; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return { text: el?.textContent?.trim(), tag: el?.tagName, outline: style?.outlineStyle, width: style?.outlineWidth };
      });
      expect(focused.outline, `focus ring on ${focused.tag} ${focused.text}`).not.toBe('none');
      reached = focused.tag === 'BUTTON' && focused.text === 'Billing';
    }
    expect(reached).toBe(true);
    const [tab] = await Promise.all([ext.context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toContain(`billing.html?account=${accountId}`);
    await tab.close();
  });

  it('finds nothing serious on the change-request form, the open case and a member’s popup (issue 15 §4, §5)', { timeout: 240_000 }, async () => {
    await setLanguage('en');
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, page, server.baseUrl, 'chloe@globex.test');
    const chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
    const found: string[] = [];
    const billing = `billing.html?account=${chloe.accountId}`;
    const [unpaid] = (await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/invoices?status=open`, { token: chloe.token })).items;
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open(billing, lang, (p) => p.locator('[id="requested.phone"]').waitFor());
      found.push(...(await violations(`billing change-request form [${lang}]`)));
      // An open invoice: due date and how to pay (issue 14).
      await open(`invoice.html?account=${chloe.accountId}&invoice=${unpaid.id}`, lang, (p) => p.getByTestId('how-to-pay').waitFor());
      found.push(...(await violations(`invoice open [${lang}]`)));
    }
    const current = (await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/billing`, { token: chloe.token })).billing;
    const details = { address: current.address, phone: current.phone, email: current.email };
    const filed = await apiFetch(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, {
      method: 'POST',
      token: chloe.token,
      body: JSON.stringify({ contactEmail: 'chloe@globex.test', current: details, requested: { ...details, email: 'ap@globex.test' }, details: 'axe' }),
    });
    expect(filed.status).toBe(201);
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open(billing, lang, (p) => p.getByTestId('open-case-panel').waitFor());
      found.push(...(await violations(`billing open case [${lang}]`)));
      await open('popup.html', lang, (p) => p.getByTestId('open-case').waitFor());
      found.push(...(await violations(`popup open case [${lang}]`)));
    }
    await setLanguage('en');
    await open('popup.html', 'en', (p) => p.getByRole('button', { name: 'Sign out' }).waitFor());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, page, server.baseUrl, 'bob@acme.test');
    await page.getByLabel('Active profile').selectOption({ label: 'User of Acme Corp' });
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open('popup.html', lang, (p) => p.getByTestId('reason').waitFor());
      found.push(...(await violations(`popup member [${lang}]`)));
    }
    await setLanguage('en');
    expect(found).toEqual([]);
  });

  it('finds nothing serious on a member’s draft proposal and the holder’s review of it (issue 16 §2)', { timeout: 240_000 }, async () => {
    // Bob (signed in by the test above) drafts a proposal on Acme, where he is a user.
    const billing = `billing.html?account=${accountId}`;
    const found: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open(billing, lang, (p) => p.getByTestId('suggest').waitFor());
      await page.getByTestId('suggest').click();
      await page.locator('#proposal-note').waitFor();
      found.push(...(await violations(`billing draft proposal [${lang}]`)));
    }
    const bob = await apiJson(server.baseUrl, '/sessions', { method: 'POST', body: JSON.stringify({ email: 'bob@acme.test', password: 'fastpath-demo' }) });
    const sent = await apiFetch(server.baseUrl, `/accounts/${accountId}/proposals`, {
      method: 'POST',
      token: bob.token,
      body: JSON.stringify({ changes: { contact: { phone: '+1 415 555 0123' }, billing: { address: { city: 'Oakland' } } }, note: 'axe' }),
    });
    expect(sent.status).toBe(201);
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open(billing, lang, (p) => p.getByTestId('my-proposal').waitFor());
      found.push(...(await violations(`billing member proposals [${lang}]`)));
    }
    await setLanguage('en');
    await open('popup.html', 'en', (p) => p.getByRole('button', { name: 'Sign out' }).waitFor());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, page, server.baseUrl, 'ada@acme.test');
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      await open(billing, lang, (p) => p.getByTestId('proposal').waitFor());
      await page.getByTestId('proposal').getByRole('button', { name: lang === 'en' ? 'Decline' : 'Refuser' }).click();
      found.push(...(await violations(`billing holder review [${lang}]`)));
    }
    await setLanguage('en');
    expect(found).toEqual([]);
  });
});
