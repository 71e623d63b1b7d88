// Launches headless Chromium with the built extension (.output/chrome-mv3) and finds its id.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe } from 'vitest';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH if set, else the first Chromium found in the usual places. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** `chrome-extension://<id>/<page>` */
  url(page: string): string;
  close(): Promise<void>;
}

/** `extensionDir`: another unpacked copy of the build (the bench adds its empty page to one). */
export async function launchExtension(extensionDir: string = EXTENSION_DIR): Promise<LaunchedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: apt-get install -y chromium, or set CHROMIUM_PATH');
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastpath-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-US',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    url: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` when a Chromium is found; otherwise `describe.skip` with a loud warning — or, when
 * REQUIRE_BROWSER=1 (CI), an error, so a machine without Chromium can never pass CI silently.
 */
export function describeWithBrowser(): typeof describe | typeof describe.skip {
  if (findChromium()) return describe;
  const message = 'No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.';
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${message}`);
  console.warn(`\n*** BROWSER SUITE SKIPPED. ${message} ***\n`);
  return describe.skip;
}
