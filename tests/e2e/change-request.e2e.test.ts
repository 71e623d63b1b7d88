// End to end in French: chloe files a billing change request, sam completes it, chloe sees it applied (R6, R7, R12),
// edits the VAT id herself (R14) and withdraws a second case (R13).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchExtension, type LaunchedExtension } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

const PASSWORD = 'fastpath-demo';
/** A date as the French pages write it: "1er" for the first of the month. */
const frDate = (iso: string) =>
  new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso))
    .replace(/^1 /, '1er ');
const field = (page: Page, path: string) => page.locator(`[id="${path}"]`);

describeWithBrowser()('change request, in French', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let ext: LaunchedExtension;

  async function api(path: string, init: RequestInit & { token?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('Content-Type', 'application/json');
    return fetch(`${server.baseUrl}/api/v1${path}`, { ...init, headers });
  }

  async function signIn(email: string): Promise<{ token: string; profiles: { accountId: string }[] }> {
    const res = await api('/sessions', { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) });
    expect(res.status).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    server = await startTestServer();
    ext = await launchExtension();
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('chloe files a request, sam completes it, and the Billing page shows the new address and the completed case', async () => {
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    // The browser runs in English; the person's own choice (Options → Language) switches the extension to French.
    await popup.evaluate(() => (globalThis as any).chrome.storage.local.set({ language: 'fr' }));
    await popup.getByRole('button', { name: 'Se connecter' }).waitFor();
    await popup.getByLabel('Adresse du serveur').fill(server.baseUrl);
    await popup.getByLabel('E-mail', { exact: true }).fill('chloe@globex.test');
    await popup.getByLabel('Mot de passe').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Se connecter' }).click();
    await popup.getByRole('button', { name: 'Se déconnecter' }).waitFor();

    // The popup's "Request a billing change" link opens the Billing page at the form.
    const [billing] = await Promise.all([
      ext.context.waitForEvent('page'),
      popup.getByRole('link', { name: 'Demander une modification de facturation' }).click(),
    ]);
    await billing.waitForLoadState('domcontentloaded');
    expect(new URL(billing.url()).hash).toBe('#change-request');
    await expect.poll(() => field(billing, 'requested.address.line1').inputValue()).toBe('8 rue de Rivoli');
    const current = billing.getByTestId('change-request-current');
    await expect(current.textContent()).resolves.toContain('compta@globex.test');
    await expect(field(billing, 'contactEmail').inputValue()).resolves.toBe('chloe@globex.test');
    await billing.getByText('Aucune demande de modification pour l’instant.').waitFor();

    // Inline validation: the details are mandatory.
    const submit = billing.getByRole('button', { name: 'Envoyer la demande de modification' });
    await submit.click();
    await billing.locator('[id="details--problem"]').getByText('Obligatoire.').waitFor();

    await field(billing, 'requested.address.line1').fill("42 avenue de l'Opéra");
    await field(billing, 'requested.address.line2').fill('');
    await field(billing, 'requested.address.city').fill('Paris');
    await field(billing, 'requested.address.postalCode').fill('75002');
    // The country is chosen by name in the page's language; the API receives its code.
    await field(billing, 'requested.address.country').selectOption({ label: 'France' });
    await field(billing, 'requested.phone').fill('+33 1 42 00 00 00');
    await field(billing, 'requested.email').fill('factures@globex.test');
    await billing.getByLabel('Détails').fill('Notre service comptable a déménagé.');

    await submit.click();

    const status = billing.getByTestId('change-request-status');
    await status.getByText(/Demande de modification CR-\d{4}-\d{5} envoyée\./).waitFor();
    const caseNumber = /CR-\d{4}-\d{5}/.exec((await status.textContent()) ?? '')![0];
    const chloe = await signIn('chloe@globex.test');
    const globexId = chloe.profiles[0].accountId;
    const { items } = await (await api(`/accounts/${globexId}/change-requests`, { token: chloe.token })).json();
    expect(items).toHaveLength(1);
    const filed = items[0];
    expect(filed).toMatchObject({ caseNumber, status: 'open', contactEmail: 'chloe@globex.test', details: 'Notre service comptable a déménagé.' });
    expect(filed.current.address.line1).toBe('8 rue de Rivoli');
    expect(filed.accountAtFiling).toMatchObject({ address: { line1: '8 rue de Rivoli' }, email: 'compta@globex.test' });
    expect(filed.requested.address).toMatchObject({ line1: "42 avenue de l'Opéra", line2: null, postalCode: '75002', country: 'FR' });
    expect(filed.requested.email).toBe('factures@globex.test');
    await expect(status.textContent()).resolves.toContain(
      `Traitement prévu entre le ${frDate(filed.expectedFrom)} et le ${frDate(filed.expectedBy)} (5 à 7 jours ouvrés).`,
    );

    // The open case takes the form's place (R13: one at a time), and is listed as open.
    await billing.getByTestId('open-case-panel').getByText(`Demande de modification ${caseNumber} en cours`).waitFor();
    expect(await field(billing, 'requested.address.line1').count()).toBe(0);
    const row = billing.getByTestId('change-requests').getByRole('row', { name: new RegExp(caseNumber) });
    await expect.poll(() => row.textContent()).toContain('Ouverte');

    // The popup shows the open case on one line, pointing at the form.
    await popup.reload();
    const openCase = popup.getByTestId('open-case');
    await openCase.getByText(`Demande de modification ${caseNumber} ouverte — prévue d’ici le ${frDate(filed.expectedBy)}`).waitFor();
    expect(await openCase.getByRole('link').count()).toBe(1);
    await expect(openCase.getByRole('link').getAttribute('href')).resolves.toMatch(/billing\.html\?account=.+#change-request$/);

    // Support completes it through the API.
    const sam = await signIn('sam@support.test');
    const done = await api(`/support/change-requests/${filed.id}/complete`, { method: 'POST', token: sam.token });
    expect(done.status).toBe(200);

    await billing.reload();
    await expect.poll(() => field(billing, 'billing.address.line1').inputValue()).toBe("42 avenue de l'Opéra");
    // No open case any more: the form is back, prefilled with the new details.
    await expect.poll(() => field(billing, 'requested.address.line1').inputValue()).toBe("42 avenue de l'Opéra");
    await expect(field(billing, 'billing.email').inputValue()).resolves.toBe('factures@globex.test');
    await expect(field(billing, 'billing.address.postalCode').inputValue()).resolves.toBe('75002');
    await expect.poll(() => current.textContent()).toContain("42 avenue de l'Opéra");
    const completed = (await (await api(`/accounts/${globexId}/change-requests/${filed.id}`, { token: chloe.token })).json());
    expect(completed.status).toBe('completed');
    await expect.poll(() => row.textContent()).toContain(`Traitée le ${frDate(completed.resolvedAt)}`);

    // R14: the VAT id is edited right here; address, phone and e-mail stay greyed (change request only).
    expect(await field(billing, 'billing.email').isDisabled()).toBe(true);
    expect(await field(billing, 'billing.address.line1').isDisabled()).toBe(true);
    expect(await field(billing, 'billing.vatId').isEnabled()).toBe(true);
    const saveBilling = billing.getByRole('button', { name: 'Enregistrer les informations de facturation' });
    await field(billing, 'billing.vatId').fill('DE136695976');
    await saveBilling.click();
    await billing.locator('[id="billing.vatId--problem"]').getByText('Ce numéro de TVA n’est pas valable pour le pays de facturation', { exact: false }).waitFor();
    await field(billing, 'billing.vatId').fill('fr 83 404 833 048');
    await saveBilling.click();
    await expect.poll(() => field(billing, 'billing.vatId').inputValue()).toBe('FR83404833048');
    const saved = await (await api(`/accounts/${globexId}/billing`, { token: chloe.token })).json();
    expect(saved.billing.vatId).toBe('FR83404833048');

    // R13: a second case, then withdrawn from its panel; it reads "Retirée".
    const second = await api(`/accounts/${globexId}/change-requests`, {
      method: 'POST',
      token: chloe.token,
      body: JSON.stringify({ contactEmail: 'chloe@globex.test', current: filed.requested, requested: { ...filed.requested, email: 'ap@globex.test' }, details: 'Encore' }),
    });
    expect(second.status).toBe(201);
    const secondCase = await second.json();
    const refused = await api(`/accounts/${globexId}/change-requests`, { method: 'POST', token: chloe.token, body: JSON.stringify({ contactEmail: 'chloe@globex.test', current: filed.requested, requested: { ...filed.requested, email: 'doublon@globex.test' }, details: 'Doublon' }) });
    expect(refused.status).toBe(409);
    await billing.reload();
    const secondRow = billing.getByTestId('change-requests').getByRole('row', { name: new RegExp(secondCase.caseNumber) });
    await billing.getByTestId('open-case-panel').getByRole('button', { name: `Retirer ${secondCase.caseNumber}` }).click();
    await billing.getByTestId('change-request-status').getByText(`Demande de modification ${secondCase.caseNumber} retirée.`).waitFor();
    await expect.poll(() => secondRow.textContent()).toContain('Retirée le');
    await field(billing, 'requested.address.line1').waitFor();

  }, 90_000);
});
