// End to end: a session the server refuses while no page is open (seen by the background) leaves nothing personal in the pages' storage.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';
import { SNAPSHOT_KEY } from '../../extension/utils/snapshot-key';

describeWithBrowser()('a session ended in the background', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let worker: Worker;

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('takes the first-frame snapshot with it: the next popup opens on the sign-in form and asks the API nothing', async () => {
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'ada@acme.test');
    await popup.locator('#companyName').waitFor();
    await expect.poll(() => popup.evaluate((key) => localStorage.getItem(key) ?? '', SNAPSHOT_KEY)).toContain('ada@acme.test');
    await popup.close();

    // Signed out elsewhere (or a password change): the token dies at the server; the badge's next refresh hears 401.
    const token = await worker.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('session')).session.token as string));
    expect((await apiFetch(server.baseUrl, '/sessions/current', { method: 'DELETE', token })).status).toBe(204);
    await worker.evaluate(() => (globalThis as any).__fastpath.refreshBadge() as Promise<void>);
    await expect.poll(() => worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('session')).session ?? null)).toBeNull();

    // What the next page finds in localStorage before any of its own code runs, and what it asks the API.
    await ext.context.addInitScript((key) => {
      (window as any).__snapshotAtStart = localStorage.getItem(key);
    }, SNAPSHOT_KEY);
    const next = await ext.context.newPage();
    const asked: string[] = [];
    next.on('request', (r) => {
      if (r.url().includes('/api/v1/')) asked.push(r.url());
    });
    // One load only: the page's own code replaces the snapshot, so a second look would prove nothing.
    await next.goto(ext.url('popup.html'));
    expect(await next.evaluate(() => (window as any).__snapshotAtStart as string | null)).toBeNull();
    await next.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await next.locator('body').innerText()).not.toContain('ada@acme.test is signed');
    expect(asked).toEqual([]);
  }, 60_000);
});
