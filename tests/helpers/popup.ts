// Signing in through the popup, calling the API directly, and counting stubbed prints, for end-to-end tests.
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './browser';

export const DEMO_PASSWORD = 'fastpath-demo';

export async function signInViaPopup(ext: LaunchedExtension, page: Page, serverUrl: string, email: string) {
  await page.goto(ext.url('popup.html'));
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A call to the API as `token` (or anonymous); JSON bodies are given as strings. */
export function apiFetch(serverUrl: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  return fetch(`${serverUrl}/api/v1${path}`, { ...init, headers });
}

/** The same, answering the parsed JSON body. */
export async function apiJson<T = any>(serverUrl: string, path: string, init: RequestInit & { token?: string } = {}) {
  return (await (await apiFetch(serverUrl, path, init)).json()) as T;
}

/** Signs in over the API and returns the token and the id of the account this person holds. */
export async function holderSession(serverUrl: string, email: string) {
  const created = await apiJson(serverUrl, '/sessions', {
    method: 'POST',
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const accountId: string = created.profiles.find((p: { role: string }) => p.role === 'holder').accountId;
  return { token: created.token as string, accountId };
}

/** `window.print` replaced in every page by a counter: a headed browser would block on the dialog. */
export async function stubPrint(ext: LaunchedExtension) {
  await ext.context.addInitScript(() => {
    (window as any).__printCalls = 0;
    window.print = () => {
      (window as any).__printCalls++;
    };
  });
}

export const printCalls = (page: Page) => page.evaluate(() => (window as any).__printCalls as number);
