// End to end (issue 15 §4, §5): the open case instead of the form, Withdraw, "change at least one value", a phone-only
// request, the badge repainted on filing and counting a completed case until seen, the popup draft, the unsaved-changes
// warning, and a member's one reason naming the holder.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

const field = (page: Page, path: string) => page.locator(`[id="${path}"]`);

describeWithBrowser()('change requests that make sense, no silent losses', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let worker: Worker;
  let chloe: { token: string; accountId: string };

  const badgeText = () => worker.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}) as Promise<string>);
  const badgeTitle = () => worker.evaluate(() => (globalThis as any).chrome.action.getTitle({}) as Promise<string>);
  /** What the 15-minute alarm would do, now. */
  const alarmRefresh = () => worker.evaluate(() => (globalThis as any).__fastpath.refreshBadge() as Promise<void>);
  const cases = async () => (await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, { token: chloe.token })).items;

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
    chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('shows the open case instead of the form, withdraws it, refuses a no-change request, files a phone-only one', async () => {
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'chloe@globex.test');
    await popup.close();
    const page = (await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/billing`, { token: chloe.token })) as any;
    const stored = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const filed = await apiFetch(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, {
      method: 'POST',
      token: chloe.token,
      body: JSON.stringify({ contactEmail: 'chloe@globex.test', current: stored, requested: { ...stored, email: 'ap@globex.test' }, details: 'Filed elsewhere' }),
    });
    expect(filed.status).toBe(201);
    const open = await filed.json();

    const billing = await ext.context.newPage();
    await billing.goto(ext.url(`billing.html?account=${chloe.accountId}#change-request`));
    const panel = billing.getByTestId('open-case-panel');
    await panel.getByText(`Open change request ${open.caseNumber}`).waitFor();
    expect(await panel.textContent()).toContain('ap@globex.test');
    expect(await billing.getByRole('button', { name: 'Send the change request' }).count()).toBe(0);
    await alarmRefresh();
    await expect.poll(badgeText).toBe('2'); // the open case and Globex's one unpaid invoice

    await panel.getByRole('button', { name: `Withdraw ${open.caseNumber}` }).click();
    await billing.getByTestId('change-request-status').getByText(`Change request ${open.caseNumber} withdrawn.`).waitFor();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('1');

    // The form is back, prefilled with the current details: sending it unchanged is refused before any request.
    // The phone reads as people write it ("+33 1 42 …"); only its digits are the stored ones.
    await expect.poll(() => field(billing, 'requested.phone').inputValue().then((v) => v.replace(/ /g, ''))).toBe(stored.phone);
    await field(billing, 'details').fill('Nothing really');
    await billing.getByRole('button', { name: 'Send the change request' }).click();
    await billing.getByTestId('change-request-form-status').getByText('Change at least one value').waitFor();
    expect(await cases()).toHaveLength(1);

    // Only the phone changes; the badge repaints right after filing, not on its alarm.
    await field(billing, 'requested.phone').fill('+33 1 42 86 82 99');
    await field(billing, 'details').fill('New switchboard number.');
    await billing.getByRole('button', { name: 'Send the change request' }).click();
    await billing.getByTestId('change-request-status').getByText(/Change request CR-\d{4}-\d{5} sent\./).waitFor();
    await billing.getByTestId('open-case-panel').waitFor();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('2');
    const [latest] = await cases();
    expect(latest).toMatchObject({ status: 'open', requested: { phone: '+33142868299', email: stored.email, address: stored.address } });
    await billing.close();
  }, 90_000);

  it('shows a completed case in the popup and counts it on the badge until she has seen it', async () => {
    const [latest] = await cases();
    const sam = await apiJson(server.baseUrl, '/sessions', { method: 'POST', body: JSON.stringify({ email: 'sam@support.test', password: 'fastpath-demo' }) });
    expect((await apiFetch(server.baseUrl, `/support/change-requests/${latest.id}/complete`, { method: 'POST', token: sam.token })).status).toBe(200);

    await alarmRefresh();
    await expect.poll(badgeText).toBe('2'); // the unseen completed case and the unpaid invoice
    expect(await badgeTitle()).toContain('1 change request resolved since you last looked');

    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup.getByTestId('open-case').getByText(`Change request ${latest.caseNumber} completed on`).waitFor();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('1');
    expect(await badgeTitle()).not.toContain('resolved');
    await popup.close();

    const again = await ext.context.newPage();
    await again.goto(ext.url('popup.html'));
    await expect.poll(() => again.locator('#companyName').inputValue()).toBe('Globex SARL');
    expect(await again.getByTestId('open-case').count()).toBe(0);
    await again.close();
  }, 60_000);

  it('keeps the popup’s unsaved quick edit when the popup closes, until it is discarded', async () => {
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await expect.poll(() => popup.locator('#companyName').inputValue()).toBe('Globex SARL');
    await popup.locator('#companyName').fill('Globex Draft');
    await expect.poll(() => popup.evaluate(async () => (await (globalThis as any).chrome.storage.session.get('contactDraft')).contactDraft)).toBeTruthy();
    await popup.close();

    const reopened = await ext.context.newPage();
    await reopened.goto(ext.url('popup.html'));
    await expect.poll(() => reopened.locator('#companyName').inputValue()).toBe('Globex Draft');
    await reopened.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => reopened.locator('#companyName').inputValue()).toBe('Globex SARL');
    await expect.poll(() => reopened.evaluate(async () => (await (globalThis as any).chrome.storage.session.get('contactDraft')).contactDraft)).toEqual({});
    await reopened.close();

    const third = await ext.context.newPage();
    await third.goto(ext.url('popup.html'));
    await expect.poll(() => third.locator('#companyName').inputValue()).toBe('Globex SARL');
    await third.close();
  }, 60_000);

  it('warns before closing the Billing page with unsaved changes', async () => {
    const billing = await ext.context.newPage();
    await billing.goto(ext.url(`billing.html?account=${chloe.accountId}`));
    await expect.poll(() => field(billing, 'contact.companyName').inputValue()).toBe('Globex SARL');
    // Typed with the keyboard: Chromium shows the leave-page dialog only to a page the person used.
    await field(billing, 'contact.companyName').click();
    await field(billing, 'contact.companyName').press('End');
    await billing.keyboard.type(' Unsaved');
    const dialog = billing.waitForEvent('dialog');
    await billing.close({ runBeforeUnload: true });
    const shown = await dialog;
    expect(shown.type()).toBe('beforeunload');
    await shown.dismiss();
    expect(billing.isClosed()).toBe(false);
    // Discarded, it closes without asking.
    await billing.getByRole('button', { name: 'Discard changes' }).first().click();
    await expect.poll(() => field(billing, 'contact.companyName').inputValue()).toBe('Globex SARL');
    const closed = billing.waitForEvent('close');
    await billing.close({ runBeforeUnload: true });
    await closed;
  }, 60_000);

  it('gives a member one reason per screen, naming the holder and the profile', async () => {
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, popup, server.baseUrl, 'bob@acme.test');
    await popup.getByLabel('Active profile').selectOption({ label: 'User of Acme Corp' });
    const reason = 'You are signed in as “User of Acme Corp”: only Ada Lovelace, the account holder, can change billing details';
    await expect.poll(() => popup.getByTestId('reason').textContent()).toContain(reason);
    expect(await popup.getByText('the account holder', { exact: false }).count()).toBe(1);

    const acmeId = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
    const billing = await ext.context.newPage();
    await billing.goto(ext.url(`billing.html?account=${acmeId}`));
    await expect.poll(() => billing.getByTestId('reason').textContent()).toContain(
      '“User of Acme Corp”: only Ada Lovelace, the account holder, can change billing details.',
    );
    expect(await billing.getByText('the account holder', { exact: false }).count()).toBe(1);
    await billing.close();
    await popup.close();
  }, 60_000);
});
