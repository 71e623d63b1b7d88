// The Billing page's invoice language and invoice recipients (issue 14): every holder edits them, validated, audited, in the bill-to snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { createTestApi, type TestApi } from '../helpers/api';
import { SAME } from '../helpers/identity-spellings';

let api: TestApi;
let acme: string;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;
let clock = new Date();
const now = () => clock;

beforeAll(async () => {
  api = await createTestApi({ now });
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  tokens = await api.signInDemo();
});
afterAll(() => api.close());

const get = (account: string, token: string) => api.request('GET', `/accounts/${account}/billing`, { token });
// Each save a second later, so audit entries follow one another.
const patch = (account: string, token: string, billing: unknown) =>
  (clock = new Date(clock.getTime() + 1000)) &&
  api.request('PATCH', `/accounts/${account}/billing`, { token, body: { billing }, headers: { 'if-match': '*' } });
const lastAudit = async (account: string) => {
  const rows = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'billing_page.updated').where('account_id', '=', account)
    .orderBy('at').orderBy('id').execute();
  const row = rows.at(-1)!;
  return { before: JSON.parse(row.before!), after: JSON.parse(row.after!), actor: row.actor_label };
};

describe('reading', () => {
  it("shows each account's invoice language (its holder's by default) and recipients, also to members", async () => {
    expect((await get(acme, tokens.ada)).body.billing).toMatchObject({ invoiceLanguage: 'en' });
    const globexPage = (await get(globex, tokens.chloe)).body;
    expect(globexPage.billing).toMatchObject({ invoiceLanguage: 'fr' });
    expect(globexPage.editable).toMatchObject({ billing: false, invoiceLanguage: true, invoiceRecipients: true });
    const member = (await get(acme, tokens.bob)).body;
    expect(member.editable).toMatchObject({ invoiceLanguage: false, invoiceRecipients: false });
    expect(Array.isArray(member.billing.invoiceRecipients)).toBe(true);
  });
});

describe('saving', () => {
  it('lets an invoice payer change both directly (not a change request, R6), bumps the version and audits each field', async () => {
    const before = await get(globex, tokens.chloe);
    const res = await patch(globex, tokens.chloe, { invoiceLanguage: 'en', invoiceRecipients: ['Direction@Globex.test', 'ap@GLOBEX.test'] });
    expect(res.status).toBe(200);
    expect(res.body.billing.invoiceLanguage).toBe('en');
    // Mailboxes are stored as typed, the domain lower-cased, like every e-mail.
    expect(res.body.billing.invoiceRecipients).toEqual(['Direction@globex.test', 'ap@globex.test']);
    expect(res.body.version).toBe(before.body.version + 1);
    expect(res.headers.get('etag')).toBe(`"${before.body.version + 1}"`);
    expect(await lastAudit(globex)).toEqual({
      actor: 'chloe@globex.test',
      before: { 'billing.invoiceLanguage': 'fr', 'billing.invoiceRecipients': before.body.billing.invoiceRecipients },
      after: { 'billing.invoiceLanguage': 'en', 'billing.invoiceRecipients': ['Direction@globex.test', 'ap@globex.test'] },
    });
    expect((await get(globex, tokens.chloe)).body.billing).toMatchObject({ invoiceLanguage: 'en', invoiceRecipients: ['Direction@globex.test', 'ap@globex.test'] });
    // Back to French, list emptied: also audited.
    const reset = await patch(globex, tokens.chloe, { invoiceLanguage: 'fr', invoiceRecipients: [] });
    expect(reset.body.billing).toMatchObject({ invoiceLanguage: 'fr', invoiceRecipients: [] });
    expect((await lastAudit(globex)).after).toEqual({ 'billing.invoiceLanguage': 'fr', 'billing.invoiceRecipients': [] });
  });

  it('saving the same values changes nothing: no new version, no audit entry', async () => {
    const before = await get(globex, tokens.chloe);
    const audits = async () => (await api.db.selectFrom('audit_log').select('id').where('account_id', '=', globex).execute()).length;
    const entries = await audits();
    const res = await patch(globex, tokens.chloe, { invoiceLanguage: 'fr', invoiceRecipients: before.body.billing.invoiceRecipients });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(before.body.version);
    expect(await audits()).toBe(entries);
  });

  it('refuses a member (R3) and still refuses an invoice payer\'s billing e-mail beside them (R6)', async () => {
    expect((await patch(acme, tokens.bob, { invoiceRecipients: ['x@acme.test'] })).status).toBe(403);
    const res = await patch(globex, tokens.chloe, { invoiceRecipients: ['x@globex.test'], email: 'new@globex.test' });
    expect(res.status).toBe(409);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['billing.email']);
    expect((await get(globex, tokens.chloe)).body.billing.invoiceRecipients).toEqual([]);
  });

  it.each([
    ['a sixth address', ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test', 'f@x.test'], 'billing.invoiceRecipients'],
    ['a display name instead of a plain mailbox', ['a@x.test', 'Ann <ann@x.test>'], 'billing.invoiceRecipients.1'],
    ['two addresses in one entry', ['a@x.test, b@x.test'], 'billing.invoiceRecipients.0'],
    ['a control character', ['a@x.test', 'b\u0000@x.test'], 'billing.invoiceRecipients.1'],
    ['the same address in another case', ['ap@acme.test', 'b@x.test', 'AP@Acme.Test'], 'billing.invoiceRecipients.2'],
    ['the same address in another Unicode spelling', ['\u00e9lise@x.test', 'e\u0301lise@x.test'], 'billing.invoiceRecipients.1'],
    ['the same address in its punycode (A-label) spelling', ['a@bücher.test', 'a@xn--bcher-kva.test'], 'billing.invoiceRecipients.1'],
    ['the billing e-mail itself', ['BILLING@acme.test'], 'billing.invoiceRecipients.0'],
    ['a string instead of a list', 'a@x.test', 'billing.invoiceRecipients'],
    ['another language', undefined, 'billing.invoiceLanguage'],
  ])('refuses %s with 400 naming the field', async (_what, recipients, path) => {
    const before = await get(acme, tokens.ada);
    const body = recipients === undefined ? { invoiceLanguage: 'de' } : { invoiceRecipients: recipients };
    const res = await patch(acme, tokens.ada, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect([...new Set(res.body.errors.map((e: { path: string }) => e.path))]).toEqual([path]);
    expect((await get(acme, tokens.ada)).body.version).toBe(before.body.version);
  });

  it.each(SAME.map((group) => [group[0], group]))('refuses every other spelling of %s as listed twice (tests/helpers/identity-spellings.ts)', async (_first, group) => {
    const res = await patch(acme, tokens.ada, { invoiceRecipients: group });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(group.slice(1).map((_, i) => `billing.invoiceRecipients.${i + 1}`));
  });

  it('refuses the billing e-mail in its other IDN spelling, both ways round', async () => {
    let res = await patch(acme, tokens.ada, { email: 'ap@bücher.test', invoiceRecipients: ['AP@xn--bcher-kva.test'] });
    expect(res.body.errors?.map((e: { path: string }) => e.path)).toEqual(['billing.invoiceRecipients.0']);
    res = await patch(acme, tokens.ada, { email: 'ap@xn--bcher-kva.test', invoiceRecipients: ['ap@Bücher.test'] });
    expect(res.body.errors?.map((e: { path: string }) => e.path)).toEqual(['billing.invoiceRecipients.0']);
  });

  it('checks against the billing e-mail as it will be after the PATCH, whichever of the two changes', async () => {
    // A card payer moves the billing e-mail onto the address being listed: refused on the list entry.
    let res = await patch(acme, tokens.ada, { email: 'ap@acme.test', invoiceRecipients: ['ap@acme.test'] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['billing.invoiceRecipients.0']);
    // …and the old billing e-mail may become a recipient while the billing e-mail moves away.
    const current = (await get(acme, tokens.ada)).body.billing.email;
    res = await patch(acme, tokens.ada, { email: 'ap@acme.test', invoiceRecipients: [current] });
    expect(res.status).toBe(200);
    // Moving only the billing e-mail onto a listed recipient is refused on billing.email.
    res = await patch(acme, tokens.ada, { email: current.toUpperCase() });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'billing.email', message: 'Already an invoice recipient (billing.invoiceRecipients.0)' }]);
    res = await patch(acme, tokens.ada, { email: current, invoiceRecipients: [] });
    expect(res.status).toBe(200);
  });
});

describe('the bill-to snapshot', () => {
  it('copies the recipients into each invoice issued, as they were on its billing date (R8), and old invoices read as []', async () => {
    // Invoices issued before the field existed have no recipients in their snapshot.
    const history = await api.request('GET', `/accounts/${globex}/invoices?limit=1`, { token: tokens.chloe });
    const old = await api.request('GET', `/accounts/${globex}/invoices/${history.body.items[0].id}`, { token: tokens.chloe });
    expect(old.status).toBe(200);
    expect(old.body.billTo.invoiceRecipients).toEqual([]);

    const page = (await get(globex, tokens.chloe)).body;
    const due = page.nextBillingDate as string;
    clock = new Date(`${due}T00:00:00Z`);
    clock = new Date(clock.getTime() - 60_000);
    expect((await patch(globex, tokens.chloe, { invoiceRecipients: ['direction@globex.test'] })).status).toBe(200);
    clock = new Date(`${due}T09:00:00Z`);
    // Changed after the billing date: the invoice keeps what was true on that date (R8).
    expect((await patch(globex, tokens.chloe, { invoiceRecipients: ['late@globex.test'] })).status).toBe(200);
    await runBilling(api.db, simulatedPaymentProvider, clock, { now: clock });
    const latest = (await api.request('GET', `/accounts/${globex}/invoices?limit=1`, { token: tokens.chloe })).body.items[0];
    expect(latest.periodStart.slice(0, 10)).toBe(due);
    const invoice = await api.request('GET', `/accounts/${globex}/invoices/${latest.id}`, { token: tokens.chloe });
    expect(invoice.body.billTo).toMatchObject({ email: 'compta@globex.test', invoiceRecipients: ['direction@globex.test'] });
  });
});

describe('a change request completed by support (R6, R7)', () => {
  it('takes a recipient that becomes the billing e-mail off the list, in the same audited change', async () => {
    expect((await patch(globex, tokens.chloe, { invoiceRecipients: ['factures@globex.test', 'dg@globex.test'] })).status).toBe(200);
    const page = (await get(globex, tokens.chloe)).body.billing;
    const current = { address: page.address, phone: page.phone, email: page.email };
    const filed = await api.request('POST', `/accounts/${globex}/change-requests`, {
      token: tokens.chloe,
      body: { contactEmail: 'chloe@globex.test', current, requested: { ...current, email: 'Factures@globex.test' }, details: 'Nouvelle adresse' },
    });
    expect(filed.status).toBe(201);
    clock = new Date(clock.getTime() + 1000);
    const done = await api.request('POST', `/support/change-requests/${filed.body.id}/complete`, { token: tokens.sam });
    expect(done.status).toBe(200);
    const after = (await get(globex, tokens.chloe)).body.billing;
    expect(after).toMatchObject({ email: 'Factures@globex.test', invoiceRecipients: ['dg@globex.test'] });
    const audit = await lastAudit(globex);
    expect(audit.before).toMatchObject({ 'billing.email': 'compta@globex.test', 'billing.invoiceRecipients': ['factures@globex.test', 'dg@globex.test'] });
    expect(audit.after).toMatchObject({ 'billing.email': 'Factures@globex.test', 'billing.invoiceRecipients': ['dg@globex.test'] });
  });
});
