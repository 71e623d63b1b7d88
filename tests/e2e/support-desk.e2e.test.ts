// End to end: sam works chloe's change request at the Support desk — sees it queued, opens it, compares, completes,
// rejects another, meets one completed meanwhile — and chloe's Billing page and mail show it (issue 17; R7, R8).
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { apiFetch, apiJson, holderSession, signInViaPopup } from '../helpers/popup';
import { startTestServer } from '../helpers/server';

describeWithBrowser()('the support desk', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;
  let chloe: { token: string; accountId: string };

  /** Chloe files a case; `typedPhone` is what she claims the account's phone is now. */
  async function fileCase(requestedLine1: string, typedPhone?: string) {
    const page = await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/billing`, { token: chloe.token });
    const now = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const body = {
      contactEmail: 'chloe@globex.test',
      current: { ...now, phone: typedPhone ?? now.phone },
      requested: { ...now, address: { ...now.address, line1: requestedLine1 }, email: 'factures@globex.test' },
      details: 'Our accounts department moved.',
    };
    const res = await apiFetch(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, { method: 'POST', token: chloe.token, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; caseNumber: string };
  }
  async function withdrawOpen() {
    const { items } = await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/change-requests`, { token: chloe.token });
    for (const c of items.filter((i: { status: string }) => i.status === 'open')) {
      await apiFetch(server.baseUrl, `/accounts/${chloe.accountId}/change-requests/${c.id}/withdraw`, { method: 'POST', token: chloe.token });
    }
  }
  const lastMailTo = async (to: string) =>
    (await server.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').orderBy('id', 'desc').execute())[0];
  async function seriousViolations(page: Page) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
    chloe = await holderSession(server.baseUrl, 'chloe@globex.test');
    await withdrawOpen();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('sam completes chloe’s case from the queue, keyboard only, and chloe’s Billing page and mail show it', async () => {
    const filed = await fileCase('42 avenue de l’Opéra', '+33 1 99 99 99 99');
    const popup = await ext.context.newPage();
    await signInViaPopup(ext, popup, server.baseUrl, 'sam@support.test');
    await popup.getByTestId('support-queue-count').getByText('1 open change request in the queue').waitFor();
    expect(await popup.getByText('This sign-in has no account yet.').count()).toBe(0);
    const [desk] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open the support desk' }).click()]);
    await desk.waitForLoadState('domcontentloaded');
    expect(new URL(desk.url()).pathname).toBe('/support.html');
    await desk.getByRole('navigation').getByRole('link', { name: 'Support desk' }).waitFor();

    const row = desk.getByTestId('queue-row').filter({ hasText: filed.caseNumber });
    await row.getByText('Globex SARL').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await row.getByRole('link', { name: `Open case ${filed.caseNumber}` }).focus();
    await desk.keyboard.press('Enter');
    const heading = desk.getByRole('heading', { name: new RegExp(`Case ${filed.caseNumber} — Globex SARL`) });
    await heading.waitFor();
    await expect.poll(() => desk.evaluate(() => document.activeElement?.id)).toBe('case-heading');

    // The account now, at filing, as typed and as requested — the typed phone and the requested changes marked in words.
    const compare = desk.getByTestId('compare');
    const cells = (field: string) => compare.locator(`tr[data-field="${field}"] td`).allTextContents();
    expect((await cells('address'))[0]).toMatch(/^8 rue de Rivoli/);
    expect((await cells('address'))[3]).toMatch(/^42 avenue de l’Opéra.*\(changes\)$/);
    expect((await cells('phone'))[2]).toBe('01 99 99 99 99(differs from the account)');
    expect((await cells('phone'))[3]).not.toContain('(changes)');
    await desk.getByTestId('typed-differs').getByText('Warning: what the person typed as current differs from what the account holds (Phone).').waitFor();
    await desk.getByText('chloe@globex.test').waitFor();
    await desk.getByTestId('applies-from').getByText(/^Completed today, the new details first show on/).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);

    // One confirmation, by keyboard.
    await desk.getByRole('button', { name: 'Complete…' }).focus();
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.evaluate(() => document.activeElement?.textContent)).toBe('Complete the case');
    await desk.keyboard.press('Enter');
    await desk.getByTestId('status').getByText(`Case ${filed.caseNumber} completed. The contact is e-mailed.`).waitFor();
    await desk.getByTestId('resolution').getByText(/^This case was completed by sam@support\.test on /).waitFor();

    const billing = await apiJson(server.baseUrl, `/accounts/${chloe.accountId}/billing`, { token: chloe.token });
    expect(billing.billing.address.line1).toBe('42 avenue de l’Opéra');
    expect(billing.billing.email).toBe('factures@globex.test');
    const mail = await lastMailTo('chloe@globex.test');
    expect(mail.subject).toContain(filed.caseNumber);
    expect(mail.text_body).toContain('42 avenue de l’Opéra');
    const viewed = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'support.case.viewed').where('target', '=', filed.caseNumber).execute();
    expect(viewed.length).toBeGreaterThanOrEqual(1);
    expect(viewed.every((v) => v.actor_label === 'sam@support.test')).toBe(true);

    // Rejection: a reason is required; then the case is rejected and chloe is told why.
    const second = await fileCase('1 place Bellecour');
    await desk.getByRole('button', { name: 'Back to the queue' }).click();
    await desk.getByTestId('queue-row').filter({ hasText: second.caseNumber }).getByRole('link').click();
    await desk.getByTestId('case').getByText(second.caseNumber).first().waitFor();
    await desk.getByRole('button', { name: 'Reject' }).click();
    await desk.locator('[id="reject-reason--problem"]').getByText('Required.').waitFor();
    await desk.getByLabel('Reason for rejecting (sent to the contact)').fill('Please attach a proof of address.');
    await desk.getByRole('button', { name: 'Reject' }).click();
    await desk.getByTestId('status').getByText(`Case ${second.caseNumber} rejected. The contact is e-mailed.`).waitFor();
    expect((await lastMailTo('chloe@globex.test')).text_body).toContain('Please attach a proof of address.');

    // A case completed by someone else meanwhile is shown as done, not as an error.
    const third = await fileCase('3 rue du Bac');
    await desk.getByRole('button', { name: 'Back to the queue' }).click();
    await desk.getByTestId('queue-row').filter({ hasText: third.caseNumber }).getByRole('link').click();
    await desk.getByRole('button', { name: 'Complete…' }).waitFor();
    const sam = await holderSessionless('sam@support.test');
    expect((await apiFetch(server.baseUrl, `/support/change-requests/${third.id}/complete`, { method: 'POST', token: sam })).status).toBe(200);
    await desk.getByRole('button', { name: 'Complete…' }).click();
    await desk.getByRole('button', { name: 'Complete the case' }).click();
    await desk.getByTestId('status').getByText(new RegExp(`^Case ${third.caseNumber} was already completed by sam@support\\.test on `)).waitFor();

    // Mark chloe's open invoice paid: found by its number, one confirmation, audited as sam.
    const open = await server.db.selectFrom('invoices').select(['id', 'number']).where('account_id', '=', chloe.accountId).where('status', '=', 'open').executeTakeFirstOrThrow();
    await desk.getByLabel('Invoice number').fill(open.number.toLowerCase());
    await desk.getByRole('button', { name: 'Find' }).click();
    await desk.getByTestId('invoice-result').getByText(new RegExp(`^${open.number} — Globex SARL — `)).waitFor();
    await desk.getByRole('button', { name: 'Mark paid…' }).click();
    await expect.poll(() => desk.evaluate(() => document.activeElement?.textContent)).toBe('Mark as paid');
    await desk.keyboard.press('Enter');
    await desk.getByTestId('status').getByText(`Invoice ${open.number} is marked paid.`).waitFor();
    const paid = await server.db.selectFrom('invoices').select('status').where('id', '=', open.id).executeTakeFirstOrThrow();
    expect(paid.status).toBe('paid');
    const audit = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'invoice.marked_paid').where('target', '=', open.number).execute();
    expect(audit.map((a) => a.actor_label)).toEqual(['sam@support.test']);

    // French, same page: no serious violation either.
    await desk.evaluate(() => (globalThis as any).chrome.storage.local.set({ language: 'fr' }));
    await desk.getByRole('heading', { name: 'Bureau du support', level: 1 }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.evaluate(() => (globalThis as any).chrome.storage.local.set({ language: 'auto' }));
  }, 120_000);

  it('shows nothing of the desk to a person who is not staff', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInViaPopup(ext, page, server.baseUrl, 'chloe@globex.test');
    expect(await page.getByTestId('support-desk').count()).toBe(0);
    await page.goto(ext.url('support.html'));
    await page.getByText('The support desk is for support staff only.').waitFor();
    expect(await page.getByRole('link', { name: 'Support desk' }).count()).toBe(0);
    expect(await page.getByTestId('queue').count()).toBe(0);
  }, 60_000);

  async function holderSessionless(email: string): Promise<string> {
    return (await apiJson(server.baseUrl, '/sessions', { method: 'POST', body: JSON.stringify({ email, password: 'fastpath-demo' }) })).token;
  }
});
