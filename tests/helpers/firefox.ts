// Launches headless Firefox ESR with the built extension (.output/firefox-mv3) over WebDriver BiDi (puppeteer-core).
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { describe } from 'vitest';

export const FIREFOX_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv3');
/** The add-on's gecko id (wxt.config.ts) and the moz-extension host we pin it to. */
const GECKO_ID = 'fastpath@fastpath.test';
const EXTENSION_UUID = '7c1f3a52-9d4e-4b8a-a6f0-3e2d1c0b9a87';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** FIREFOX_PATH if set, else the first Firefox found in the usual places. */
export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export interface LaunchedFirefox {
  browser: Browser;
  /** `moz-extension://<uuid>/<page>` */
  url(page: string): string;
  /**
   * Opens an extension page in a new tab and waits for `selector`: BiDi never reports a moz-extension
   * navigation as finished, so the page's own content is the signal. The tab is brought to front,
   * because background tabs receive typed keys slowly.
   */
  open(page: string, selector: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<LaunchedFirefox> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox: apt-get install -y firefox-esr, or set FIREFOX_PATH');
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_EXTENSION_DIR}: run npm run build first`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Without it, BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Grant optional host permissions without the doorhanger a headless browser cannot click.
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.accept_languages': 'en-US',
      'intl.locale.requested': 'en-US',
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const url = (page: string) => `moz-extension://${EXTENSION_UUID}/${page}`;
  return {
    browser,
    url,
    async open(page, selector) {
      const tab = await browser.newPage();
      void tab.goto(url(page)).catch(() => undefined);
      await until(tab, (sel) => document.querySelector(sel) !== null, selector, `${selector} on ${page}`);
      await tab.bringToFront();
      return tab;
    },
    close: () => browser.close(),
  };
}

/**
 * Polls `predicate` in the page until it answers true. puppeteer's own waitForFunction builds its
 * poller with `new Function`, which an extension page's CSP blocks in Firefox ESR 140.
 */
export async function until<A extends string | string[] | null>(page: Page, predicate: (arg: A) => boolean, arg: A, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(predicate as (arg: unknown) => boolean, arg).catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; the page shows:\n${await page.evaluate(() => document.body?.innerText)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a button with exactly this text is on the page. */
export function waitForButton(page: Page, text: string): Promise<void> {
  return until(page, (label) => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === label), text, `a "${text}" button`);
}

/** Clicks the button with exactly this text with the mouse: a user gesture, as a permission prompt needs. */
export async function clickButton(page: Page, text: string): Promise<void> {
  await waitForButton(page, text);
  for (const button of await page.$$('button')) {
    if ((await button.evaluate((b) => b.textContent?.trim())) === text) return button.click();
  }
}

/** Replaces a field's value by typing, as a person would. */
export async function retype(page: Page, selector: string, value: string): Promise<void> {
  await page.focus(selector);
  await page.$eval(selector, (el) => (el as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

/**
 * `describe` when a Firefox is found; otherwise `describe.skip` with a loud warning — or, when
 * REQUIRE_BROWSER=1 (CI), an error, so CI can never pass without the Firefox suite.
 */
export function describeWithFirefox(): typeof describe | typeof describe.skip {
  if (findFirefox()) return describe;
  const message = 'No Firefox found: install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.';
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${message}`);
  console.warn(`\n*** FIREFOX SUITE SKIPPED. ${message} ***\n`);
  return describe.skip;
}
