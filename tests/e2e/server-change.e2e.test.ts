// End to end (R17): moving to another server in Options signs out first; the old token never reaches the new server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('changing the server address', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  /** Another server on this machine that records the Authorization header of every request it gets. */
  let other: http.Server;
  let otherUrl: string;
  const seenByOther: (string | undefined)[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    other = http.createServer((req, res) => {
      seenByOther.push(req.headers.authorization);
      res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"status":401,"code":"unauthenticated"}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    ext = await launchExtension();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
    await new Promise((resolve) => other?.close(resolve));
  });

  const storedToken = (page: import('playwright-core').Page) =>
    // `chrome` is the extension page's own global; the tests' types do not declare it.
    page.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('session')).session as { token?: string } | undefined)?.token);

  it('asks, revokes the token at the old server, and never sends it to the new one', async () => {
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'bob@acme.test');
    const token = await storedToken(popup);
    expect(token).toBeTruthy();

    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await options.getByLabel('Server address').fill(`${otherUrl}/api/v1`);
    await options.getByRole('button', { name: 'Save address' }).click();
    await expect(options.getByTestId('switch-confirm').textContent()).resolves.toContain(otherUrl);
    await options.getByRole('button', { name: 'Sign out and move' }).click();
    await options.getByText('Server changed.', { exact: false }).waitFor();
    // Normalised: the API prefix typed by habit is dropped.
    await expect(options.getByLabel('Server address').inputValue()).resolves.toBe(otherUrl);

    expect((await apiFetch(server.baseUrl, '/me', { token })).status).toBe(401);
    await popup.reload();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(popup.getByLabel('Server address').inputValue()).resolves.toBe(otherUrl);
    expect(await storedToken(popup)).toBeUndefined();
    expect(seenByOther.filter(Boolean)).toEqual([]);
  }, 60_000);

  it('drops a token that another server issued instead of sending it along', async () => {
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
    // As if the address had been changed behind the extension's back, with the session still stored.
    await popup.evaluate((url) => (globalThis as any).chrome.storage.local.set({ serverUrl: url }), otherUrl);
    await popup.reload();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await storedToken(popup)).toBeUndefined();
    expect(seenByOther.filter(Boolean)).toEqual([]);
  }, 60_000);

  it('refuses plain http to another machine with a message about the address', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await options.getByLabel('Server address').fill('http://billing.example.com');
    await options.getByRole('button', { name: 'Save address' }).click();
    await options.getByText('must use https://').waitFor();
  }, 60_000);
});
