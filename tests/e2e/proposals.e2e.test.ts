// End to end (issue 16 §2): bob, a user of Acme Corp, proposes a new company phone; ada approves it after a
// stale first try (412: she decides again against the fresh page); both then see the new phone, ada also in
// Account activity (holder only, §1), bob as his approved proposal on the Billing page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

const field = (page: Page, path: string) => page.locator(`[id="${path}"]`);

describeWithBrowser()('proposals: members propose, the holder approves', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let acme: string;

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    acme = (await holderSession(server.baseUrl, 'ada@acme.test')).accountId;
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function switchTo(popup: Page, email: string) {
    await popup.goto(ext.url('popup.html'));
    const signOut = popup.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible().catch(() => false)) {
      await signOut.click();
      await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await signInViaPopup(ext, popup, server.baseUrl, email);
  }

  it('bob proposes a new company phone, ada approves it, and both see it', { timeout: 120_000 }, async () => {
    const popup = await ext.context.newPage();
    await switchTo(popup, 'bob@acme.test');
    const tab = await ext.context.newPage();
    await tab.goto(ext.url(`billing.html?account=${acme}`));
    // A member's page is greyed, with the reason, until he chooses to suggest a change.
    await tab.getByTestId('reason').waitFor();
    await expect(field(tab, 'contact.phone').isDisabled()).resolves.toBe(true);
    await tab.getByRole('button', { name: 'Suggest a change' }).click();
    await expect.poll(() => field(tab, 'contact.phone').isDisabled()).toBe(false);
    // Marked as a proposal, with no Save button: nothing here is a save.
    await expect.poll(() => tab.getByText('Draft proposal — not saved').count()).toBe(2);
    expect(await tab.getByRole('button', { name: 'Save contact information' }).count()).toBe(0);
    await field(tab, 'contact.phone').fill('+1 415 555 0199');
    await tab.getByLabel('Note for the account holder (optional)').fill('Our new switchboard number.');
    await tab.getByRole('button', { name: 'Send the proposal' }).click();
    await tab.getByTestId('status').getByText('Proposal sent to Ada Lovelace.').waitFor();
    // The draft is gone, the page greyed again, and his proposal waits with a way to withdraw it.
    await expect.poll(() => field(tab, 'contact.phone').isDisabled()).toBe(true);
    const mine = tab.getByTestId('my-proposal');
    await mine.getByText('Waiting for the account holder since').waitFor();
    await expect(mine.textContent()).resolves.toContain('Company phone');
    await expect(mine.getByRole('button', { name: 'Withdraw this proposal' }).isVisible()).resolves.toBe(true);

    // Ada: her badge counts it, and her Billing page shows it with the diff.
    await switchTo(popup, 'ada@acme.test');
    const title = async () => {
      const [worker] = ext.context.serviceWorkers();
      return worker.evaluate(() => (globalThis as any).chrome.action.getTitle({}));
    };
    await expect.poll(title, { timeout: 10_000 }).toContain('1 proposed change waiting for your decision');
    await tab.goto(ext.url(`billing.html?account=${acme}`));
    const proposal = tab.getByTestId('proposal');
    await proposal.waitFor();
    await expect(tab.getByRole('heading', { name: 'Proposed changes waiting for you (1)' }).isVisible()).resolves.toBe(true);
    // Phones read as people write them once the formatter has loaded (PhoneText), so wait for it.
    await expect.poll(() => proposal.textContent()).toMatch(/From Bob Marley.*Company phone.*\(415\) 555-0100.*\(415\) 555-0199.*Our new switchboard number\./);

    // Someone saves the page meanwhile: her approval answers 412, she sees the fresh page and decides again.
    const ada = await holderSession(server.baseUrl, 'ada@acme.test');
    const page = await apiJson(server.baseUrl, `/accounts/${acme}/billing`, { token: ada.token });
    const saved = await apiFetch(server.baseUrl, `/accounts/${acme}/billing`, {
      method: 'PATCH', token: ada.token, headers: { 'If-Match': `"${page.version}"` }, body: JSON.stringify({ contact: { lastName: 'King' } }),
    });
    expect(saved.status).toBe(200);
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await tab.getByTestId('proposal-stale').waitFor();
    await tab.getByTestId('status').getByText('The Billing page changed since you opened it.').waitFor();
    await expect.poll(() => field(tab, 'contact.lastName').inputValue()).toBe('King');
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await tab.getByTestId('status').getByText('Proposal approved and saved.').waitFor();
    await expect.poll(() => field(tab, 'contact.phone').inputValue()).toBe('+1 415 555 0199');
    await expect.poll(() => tab.getByTestId('proposal').count()).toBe(0);
    await expect.poll(title, { timeout: 10_000 }).not.toContain('proposed change');
    // Her Activity page shows the proposal and its approval, each with the change.
    await tab.getByTestId('activity-link').click();
    await tab.getByTestId('activity-entry').first().waitFor();
    const approvedRow = tab.locator('[data-testid="activity-entry"][data-action="proposal.approved"]');
    await expect.poll(() => approvedRow.textContent()).toMatch(/Ada Lovelace \(account holder\).*Proposed change approved.*555.0199/);
    const proposedRow = tab.locator('[data-testid="activity-entry"][data-action="proposal.submitted"]');
    await expect(proposedRow.textContent()).resolves.toMatch(/Bob Marley \(user\).*Change proposed to the account holder/);

    // Bob sees it too, and his proposal as approved.
    await switchTo(popup, 'bob@acme.test');
    await tab.goto(ext.url(`billing.html?account=${acme}`));
    await expect.poll(() => field(tab, 'contact.phone').inputValue()).toBe('+1 415 555 0199');
    await tab.getByTestId('my-proposal').getByText('Approved on').waitFor();
  });
});
