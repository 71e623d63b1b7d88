// The Billing page through the API: each role, each rule (R2, R3, R5, R6), versions and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const get = (account: string, token?: string) => api.request('GET', `/accounts/${account}/billing`, { token });
const patch = (account: string, token: string, body: unknown, ifMatch?: string) =>
  api.request('PATCH', `/accounts/${account}/billing`, { token, body, headers: ifMatch ? { 'if-match': ifMatch } : {} });

describe('GET /accounts/:id/billing', () => {
  it('gives the holder the whole page, editable, with an ETag of its version', async () => {
    const res = await get(acme, tokens.ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(res.body).toMatchObject({
      role: 'holder',
      editable: { contact: true, billing: true, vatId: true },
      paymentMethod: { type: 'card', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2028 },
      contact: { companyName: 'Acme Corp', email: 'ada@acme.test', phone: '+14155550100' },
      billing: { email: 'billing@acme.test', address: { line2: 'Suite 200', country: 'US' } },
    });
    expect(res.body.nextBillingDate).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it('gives a member the page read-only with the card masked to its type', async () => {
    const res = await get(acme, tokens.bob);
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('user');
    expect(res.body.editable).toEqual({ contact: false, billing: false, vatId: false, invoiceLanguage: false, invoiceRecipients: false });
    expect(res.body.paymentMethod).toEqual({ type: 'card' });
    // R3: the member's reason names who may change the page.
    expect(res.body.holderName).toBe('Ada Lovelace');
  });

  it('does not reveal that an account exists to a non-member, nor to support staff', async () => {
    for (const token of [tokens.chloe, tokens.sam]) {
      const res = await get(acme, token);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await get('no-such-account', tokens.ada)).status).toBe(404);
  });

  it('needs a token', async () => {
    expect((await get(acme)).status).toBe(401);
  });

  it('tells an invoice payer that billing goes through a change request, except the VAT id (R6, R14)', async () => {
    const res = await get(globex, tokens.chloe);
    expect(res.body.editable).toEqual({ contact: true, billing: false, vatId: true, invoiceLanguage: true, invoiceRecipients: true });
    expect(res.body.paymentMethod).toEqual({ type: 'invoice' });
  });
});

describe('PATCH /accounts/:id/billing', () => {
  it('saves the holder\'s change, bumps the version, renames the profile for members (R2) and audits it', async () => {
    const before = await get(acme, tokens.ada);
    const res = await patch(acme, tokens.ada, { contact: { companyName: 'Acme Industries' } }, before.headers.get('etag')!);
    expect(res.status).toBe(200);
    expect(res.body.contact.companyName).toBe('Acme Industries');
    expect(res.body.version).toBe(before.body.version + 1);
    expect(res.headers.get('etag')).toBe(`"${before.body.version + 1}"`);
    const me = await api.request('GET', '/me', { token: tokens.bob });
    expect(me.body.profiles).toContainEqual({ accountId: acme, companyName: 'Acme Industries', role: 'user' });
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'billing_page.updated').execute();
    expect(audit.at(-1)).toMatchObject({ account_id: acme, actor_label: 'ada@acme.test' });
    expect(JSON.parse(audit.at(-1)!.before!)).toEqual({ 'contact.companyName': 'Acme Corp' });
    expect(JSON.parse(audit.at(-1)!.after!)).toEqual({ 'contact.companyName': 'Acme Industries' });
  });

  it('lets a card payer change billing details directly (R5), storing phones in E.164 and e-mail domains lower-cased', async () => {
    const { headers } = await get(acme, tokens.ada);
    const res = await patch(
      acme,
      tokens.ada,
      { billing: { phone: '(415) 555-0142', email: ' Pay@ACME.Test ', address: { line2: null, city: 'Oakland' } } },
      headers.get('etag')!,
    );
    expect(res.status).toBe(200);
    expect(res.body.billing).toMatchObject({ phone: '+14155550142', email: 'Pay@acme.test' });
    expect(res.body.billing.address).toMatchObject({ line1: '1 Market St', line2: null, city: 'Oakland' });
  });

  it('reads a national phone number in the country of the address being saved', async () => {
    const { headers } = await get(acme, tokens.ada);
    const res = await patch(
      acme,
      tokens.ada,
      { contact: { phone: '01 42 68 53 00', address: { country: 'fr', city: 'Paris', region: null } } },
      headers.get('etag')!,
    );
    expect(res.status).toBe(200);
    expect(res.body.contact.phone).toBe('+33142685300');
    expect(res.body.contact.address.country).toBe('FR');
  });

  it('refuses a member with 403 not_account_holder and changes nothing (R3)', async () => {
    const { body, headers } = await get(acme, tokens.bob);
    const res = await patch(acme, tokens.bob, { contact: { companyName: 'Hijacked' } }, headers.get('etag')!);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_account_holder');
    expect((await get(acme, tokens.ada)).body.contact.companyName).toBe(body.contact.companyName);
  });

  it('answers 404 to a non-member and 401 without a token', async () => {
    expect((await patch(acme, tokens.chloe, { contact: { companyName: 'X' } }, '"1"')).status).toBe(404);
    expect((await api.request('PATCH', `/accounts/${acme}/billing`, { body: {} })).status).toBe(401);
  });

  it('refuses an invoice payer\'s billing change with 409 change_request_required, while contact fields save (R6)', async () => {
    const { headers } = await get(globex, tokens.chloe);
    const refused = await patch(globex, tokens.chloe, { contact: { firstName: 'Zoé' }, billing: { email: 'x@globex.test' } }, headers.get('etag')!);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('change_request_required');
    expect(refused.body.errors).toEqual([{ path: 'billing.email', message: expect.any(String) }]);
    const saved = await patch(globex, tokens.chloe, { contact: { firstName: 'Zoé' } }, headers.get('etag')!);
    expect(saved.status).toBe(200);
    expect(saved.body.contact.firstName).toBe('Zoé');
    expect(saved.body.billing.email).toBe('compta@globex.test');
  });

  it('needs If-Match (428) and refuses a stale one with 412 carrying the current page', async () => {
    const missing = await patch(acme, tokens.ada, { contact: { lastName: 'Byron' } });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('precondition_required');
    const fresh = await get(acme, tokens.ada);
    const first = await patch(acme, tokens.ada, { contact: { lastName: 'Byron' } }, fresh.headers.get('etag')!);
    expect(first.status).toBe(200);
    const stale = await patch(acme, tokens.ada, { contact: { lastName: 'King' } }, fresh.headers.get('etag')!);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
    expect(stale.body.current).toMatchObject({ version: first.body.version, contact: { lastName: 'Byron' } });
    // The 412 names the version now current, as the GET would, so a client can retry against it.
    expect(stale.headers.get('etag')).toBe(`"${first.body.version}"`);
    expect((await get(acme, tokens.ada)).body.contact.lastName).toBe('Byron');
    const garbled = await patch(acme, tokens.ada, { contact: { lastName: 'King' } }, 'seven');
    expect(garbled.status).toBe(400);
    expect(garbled.body.errors[0].path).toBe('headers.if-match');
  });

  it.each([
    ['an empty company name', { contact: { companyName: '  ' } }, 'contact.companyName'],
    ['a bad e-mail', { contact: { email: 'ada-at-acme' } }, 'contact.email'],
    ['a phone that is not one', { contact: { phone: '12' } }, 'contact.phone'],
    ['a phone invalid for the country', { contact: { phone: '555' } }, 'contact.phone'],
    ['an unknown country', { billing: { address: { country: 'XX' } } }, 'billing.address.country'],
    ['a too long city', { billing: { address: { city: 'x'.repeat(81) } } }, 'billing.address.city'],
    ['an unknown field', { contact: { role: 'holder' } }, 'contact.role'],
    ['an unknown section', { version: 99 }, 'version'],
    ['a wrong type', { contact: { companyName: 42 } }, 'contact.companyName'],
  ])('refuses %s with 400 naming the field', async (_what, body, path) => {
    const { headers } = await get(acme, tokens.ada);
    const res = await patch(acme, tokens.ada, body, headers.get('etag')!);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a body over 64 KiB with 413 and a wrong content type with 415', async () => {
    const { headers } = await get(acme, tokens.ada);
    const big = await patch(acme, tokens.ada, { contact: { companyName: 'x'.repeat(70_000) } }, headers.get('etag')!);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const form = await api.request('PATCH', `/accounts/${acme}/billing`, {
      token: tokens.ada,
      body: 'contact=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'if-match': headers.get('etag')! },
    });
    expect(form.status).toBe(415);
  });
});

describe('the API around it', () => {
  it('answers health and an unknown route as problem+json', async () => {
    expect((await api.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const missing = await api.request('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const wrongMethod = await api.request('PUT', '/me');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
  });

  it('publishes an OpenAPI 3.1 document of every route with its policy and request schema', async () => {
    const doc = (await api.request('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const patchOp = doc.paths['/api/v1/accounts/{id}/billing'].patch;
    expect(patchOp['x-policy']).toBe('holder');
    expect(JSON.stringify(patchOp.requestBody)).toContain('BillingPagePatch');
    expect(doc.components.schemas.Address.required).toEqual(['line1', 'city', 'country']);
    expect(doc.paths['/api/v1/sessions'].post['x-policy']).toBe('public');
  });
});
