// End to end: changing one's password on the Options page — field errors, the browser's own check, other sessions ended.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, DEMO_PASSWORD, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

const EMAIL = 'ada@acme.test';
const NEW_PASSWORD = 'correct horse battery staple 42';

describeWithBrowser()('changing the password from Options', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;

  const api = (path: string, init: RequestInit & { token?: string } = {}) => apiFetch(server.baseUrl, path, init);
  const signIn = (password: string) =>
    api('/sessions', { method: 'POST', body: JSON.stringify({ email: EMAIL, password }) });

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  /** The token the extension stored at sign-in (`local:session` in utils/storage.ts). */
  const extensionToken = (page: Page) =>
    page.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('session')).session.token as string));

  it('shows the server’s reason by the field, catches a mismatch itself, then ends only the other sessions', async () => {
    const page = await ext.context.newPage();
    await signInViaPopup(ext, page, server.baseUrl, EMAIL);
    const other = await (await signIn(DEMO_PASSWORD)).json();
    await expect(api('/me', { token: other.token }).then((r) => r.status)).resolves.toBe(200);

    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/v1/me/password') && sent.push(r.method()));
    await page.goto(ext.url('options.html'));
    const section = page.getByTestId('password-section');
    const current = section.getByLabel('Current password', { exact: true });
    const fresh = section.getByLabel('New password', { exact: true });
    const confirm = section.getByLabel('Confirm new password', { exact: true });
    const save = section.getByRole('button', { name: 'Save new password' });
    await expect(current.getAttribute('autocomplete')).resolves.toBe('current-password');
    await expect(fresh.getAttribute('autocomplete')).resolves.toBe('new-password');

    // Too short: the server refuses it, and its reason shows beside the new password.
    await current.fill(DEMO_PASSWORD);
    await fresh.fill('short one');
    await confirm.fill('short one');
    await save.click();
    await section.locator('#newPassword--problem').getByText('Use at least 12 characters.').waitFor();
    await expect(fresh.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(fresh.getAttribute('aria-describedby')).resolves.toContain('newPassword--problem');
    expect(sent).toEqual(['POST']);

    // A confirmation that differs never leaves the browser.
    await fresh.fill(NEW_PASSWORD);
    await confirm.fill(`${NEW_PASSWORD}!`);
    await save.click();
    await section.locator('#confirmPassword--problem').getByText('This does not match the new password.').waitFor();
    expect(sent).toEqual(['POST']);
    await expect(api('/me', { token: other.token }).then((r) => r.status)).resolves.toBe(200);

    await confirm.fill(NEW_PASSWORD);
    await save.click();
    await section.getByTestId('status').getByText('Password changed. Your other devices are signed out.').waitFor();
    expect(sent).toEqual(['POST', 'POST']);
    for (const field of [current, fresh, confirm]) await expect(field.inputValue()).resolves.toBe('');
    await expect(section.locator('.problem').count()).resolves.toBe(0);

    // The other session has ended; this one stays.
    await expect(api('/me', { token: other.token }).then((r) => r.status)).resolves.toBe(401);
    await expect(api('/me', { token: await extensionToken(page) }).then((r) => r.status)).resolves.toBe(200);
    await expect(signIn(NEW_PASSWORD).then((r) => r.status)).resolves.toBe(201);
    await expect(signIn(DEMO_PASSWORD).then((r) => r.status)).resolves.toBe(401);
    await page.close();
  }, 60_000);

  it('hides the section from someone signed out', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(ext.url('options.html'));
    await page.getByTestId('shortcuts').waitFor();
    await expect(page.getByTestId('password-section').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);
});
