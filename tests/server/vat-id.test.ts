// R14 and issue 13 §6: every holder edits the VAT id directly; it is checked against the billing country after the PATCH.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let acme: string;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  tokens = await api.signInDemo();
});
afterAll(() => api.close());

const page = (account: string, token: string) => api.request('GET', `/accounts/${account}/billing`, { token });
/** PATCH against the page's current ETag. */
async function save(account: string, token: string, body: unknown) {
  const etag = (await page(account, token)).headers.get('etag')!;
  return api.request('PATCH', `/accounts/${account}/billing`, { token, body, headers: { 'if-match': etag } });
}
const storedVat = async (account: string) =>
  (await api.db.selectFrom('accounts').select(['billing_vat_id', 'version']).where('id', '=', account).executeTakeFirstOrThrow());

describe('the holder of an invoice-paying account edits the VAT id directly (R14)', () => {
  it('saves it (200), in its standard form, audited, while address, phone and e-mail still need a change request', async () => {
    const res = await save(globex, tokens.chloe, { billing: { vatId: 'fr 83 404 833 048' } });
    expect(res.status).toBe(200);
    expect(res.body.billing.vatId).toBe('FR83404833048');
    expect(res.body.editable).toEqual({ contact: true, billing: false, vatId: true, invoiceLanguage: true, invoiceRecipients: true });
    const [audit] = await api.db.selectFrom('audit_log').selectAll().where('account_id', '=', globex).where('action', '=', 'billing_page.updated').execute();
    expect(JSON.parse(audit.after!)).toEqual({ 'billing.vatId': 'FR83404833048' });

    const before = await storedVat(globex);
    const mixed = await save(globex, tokens.chloe, { billing: { vatId: 'FR40303265045', email: 'x@globex.test' } });
    expect(mixed.status).toBe(409);
    expect(mixed.body.code).toBe('change_request_required');
    expect(mixed.body.errors).toEqual([{ path: 'billing.email', message: expect.any(String) }]);
    expect(await storedVat(globex)).toEqual(before);
  });

  it('shows the new VAT id in the bill-to snapshot of the next invoice (R8)', async () => {
    expect((await save(globex, tokens.chloe, { billing: { vatId: 'FR40303265045' } })).status).toBe(200);
    expect((await save(globex, tokens.chloe, { billing: { vatId: 'FR 83 404 833 048' } })).status).toBe(200);
    const next = (await page(globex, tokens.chloe)).body.nextBillingDate as string;
    // The run as it will happen on that day (a run cannot bill from the future, issue 13 §4).
    const billingDay = new Date(`${next}T00:00:00Z`);
    await runBilling(api.db, simulatedPaymentProvider, billingDay, { now: billingDay });
    const [latest] = (await api.request('GET', `/accounts/${globex}/invoices?limit=1`, { token: tokens.chloe })).body.items;
    expect(latest.periodStart.slice(0, 10)).toBe(next);
    const invoice = (await api.request('GET', `/accounts/${globex}/invoices/${latest.id}`, { token: tokens.chloe })).body;
    expect(invoice.billTo.vatId).toBe('FR83404833048');
  });

  it('is still refused to a member of the account', async () => {
    await api.db.insertInto('memberships').values({ account_id: globex, user_id: (await api.db.selectFrom('users').select('id').where('email', '=', 'bob@acme.test').executeTakeFirstOrThrow()).id, role: 'user', created_at: new Date().toISOString() }).execute();
    const res = await api.request('PATCH', `/accounts/${globex}/billing`, { token: tokens.bob, body: { billing: { vatId: 'FR40303265045' } }, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(403);
    expect((await page(globex, tokens.bob)).body.editable).toEqual({ contact: false, billing: false, vatId: false, invoiceLanguage: false, invoiceRecipients: false });
  });
});

describe('VAT ids are checked against the billing country (issue 13 §6)', () => {
  it.each([
    ['FR', 'FR40303265046', 'check digits'],
    ['FR', 'DE136695976', 'DE VAT id'],
    ['FR', 'FR4030326504', 'FR'],
    ['DE', 'DE136695977', 'check digits'],
    ['DE', 'DE1366959', 'DE'],
    ['GB', 'GB123', 'GB'],
    ['GB', 'GB980780685', 'GB'],
    ['US', '12', 'US'],
    ['US', '12<script>', 'letters and digits'],
    ['US', 'x'.repeat(33), '32'],
  ])('refuses in %s the VAT id %s with 400 naming billing.vatId', async (country, vatId, said) => {
    const before = await storedVat(acme);
    const res = await save(acme, tokens.ada, { billing: { vatId, address: { country } } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors).toEqual([{ path: 'billing.vatId', message: expect.stringContaining(said) }]);
    expect(await storedVat(acme)).toEqual(before);
  });

  it.each([
    ['FR', 'FR40303265045', 'FR40303265045'],
    ['DE', '136 695 976', 'DE136695976'],
    ['GB', 'GB 980 7806 84', 'GB980780684'],
    ['GR', '094259216', 'EL094259216'],
    ['US', ' 12-3456789 ', '12-3456789'],
    ['AU', '51 824 753 556', '51 824 753 556'],
    ['US', '', null],
  ])('accepts in %s the VAT id %j, stored as %j', async (country, vatId, stored) => {
    const res = await save(acme, tokens.ada, { billing: { vatId, address: { country } } });
    expect(res.status).toBe(200);
    expect(res.body.billing).toMatchObject({ vatId: stored, address: { country } });
  });

  it('uses the country after the PATCH: a stored id that does not fit a new country is refused, naming billing.vatId', async () => {
    expect((await save(acme, tokens.ada, { billing: { vatId: 'DE136695976', address: { country: 'DE' } } })).status).toBe(200);
    const moved = await save(acme, tokens.ada, { billing: { address: { country: 'FR' } } });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([{ path: 'billing.vatId', message: expect.stringContaining('FR') }]);
    const both = await save(acme, tokens.ada, { billing: { vatId: 'FR40303265045', address: { country: 'FR' } } });
    expect(both.status).toBe(200);
    expect(both.body.billing).toMatchObject({ vatId: 'FR40303265045', address: { country: 'FR' } });
  });

  it("checks an invoice payer's VAT id against the stored billing address (FR for Globex)", async () => {
    const res = await save(globex, tokens.chloe, { billing: { vatId: 'DE136695976' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'billing.vatId', message: expect.stringContaining('FR') }]);
  });

  it('applies the same check to accounts the operator creates (admin CLI and import)', async () => {
    const admin = adminRunner(api.db);
    const bad = await admin(['account', 'create', ...accountFlags({ company: 'Vat Check SARL' }), '--vat-id', 'FR40303265046']);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toContain('--vat-id');
    const good = await admin(['account', 'create', ...accountFlags({ company: 'Vat Check SARL' }), '--vat-id', 'fr 40 303 265 045', '--json']);
    expect(good.code).toBe(0);
    expect((await storedVat(good.json.id)).billing_vat_id).toBe('FR40303265045');
  });
});
