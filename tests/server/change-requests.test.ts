// Change requests through the API for every role: filing (R6, R7) and following them; the support side is in support-desk.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedWindow } from '../../server/change-requests/business-days';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let acme: string;
let bikes: string;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;

beforeAll(async () => {
  api = await createTestApi();
  [acme, bikes, globex] = await Promise.all(['Acme Corp', "Bob's Bikes", 'Globex SARL'].map((n) => api.accountId(n)));
  const [ada, bob, chloe, sam] = await Promise.all(
    ['ada@acme.test', 'bob@acme.test', 'chloe@globex.test', 'sam@support.test'].map((e) => api.signIn(e)),
  );
  tokens = { ada, bob, chloe, sam };
});
afterAll(() => api.close());

const newDetails = (n: number) => ({
  address: { line1: `${n} avenue des Champs-Élysées`, city: 'Paris', postalCode: '75008', country: 'fr' },
  phone: `01 42 86 82 ${String(n).padStart(2, '0')}`,
  email: `factures${n}@Globex.TEST`,
});
const validBody = (n = 10) => ({
  contactEmail: 'Chloe@Globex.TEST',
  current: {
    address: { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', region: null, postalCode: '75004', country: 'FR' },
    phone: '+33 1 42 86 82 01',
    email: 'compta@globex.test',
  },
  requested: newDetails(n),
  details: 'Le service comptabilité déménage.',
});

const file = (account: string, token: string | undefined, body: unknown = validBody()) =>
  api.request('POST', `/accounts/${account}/change-requests`, { token, body });
/** R13 allows one open case per account: the holder withdraws it through the API before filing the next. */
async function withdrawOpenCases() {
  const { items } = (await api.request('GET', `/accounts/${globex}/change-requests`, { token: tokens.chloe })).body;
  for (const c of items.filter((i: { status: string }) => i.status === 'open')) {
    const res = await api.request('POST', `/accounts/${globex}/change-requests/${c.id}/withdraw`, { token: tokens.chloe });
    expect(res.status).toBe(200);
  }
}
const outboxTo = (to: string) => api.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
const auditOf = (action: string) => api.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();

describe('filing a change request (holder of an invoice-paying account)', () => {
  it('opens a case with a case number, the 5–7 business-day window, E.164 phones, an audit entry and a French mail', async () => {
    const before = Date.now();
    const res = await file(globex, tokens.chloe);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      accountId: globex,
      status: 'open',
      contactEmail: 'Chloe@globex.test',
      current: { phone: '+33142868201', address: { line2: 'Service comptabilité' } },
      requested: {
        phone: '+33142868210',
        email: 'factures10@globex.test',
        address: { line1: '10 avenue des Champs-Élysées', line2: null, region: null, country: 'FR' },
      },
      details: 'Le service comptabilité déménage.',
      resolvedAt: null,
      rejectReason: null,
    });
    expect(res.body.caseNumber).toMatch(new RegExp(`^CR-${new Date().getUTCFullYear()}-\\d{5}$`));
    expect(new Date(res.body.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const { expectedFrom, expectedBy } = expectedWindow(new Date(res.body.createdAt));
    expect(res.body).toMatchObject({ expectedFrom, expectedBy });

    const [audit] = (await auditOf('change_request.created')).filter((a) => a.target === res.body.caseNumber);
    expect(audit).toMatchObject({ account_id: globex, actor_label: 'chloe@globex.test' });
    expect(JSON.parse(audit.after!).requested.phone).toBe('+33142868210');

    const [mail] = await outboxTo('Chloe@globex.test');
    expect(mail.subject).toBe(`Nous avons bien reçu votre demande de modification de facturation ${res.body.caseNumber}`);
    expect(mail.text_body).toContain(`Numéro de dossier : ${res.body.caseNumber}`);
    expect(mail.message_id).toMatch(/^<[0-9a-f-]{36}@fastpath\.local>$/);
  });

  it('numbers cases one after the other (each filed once the previous one is withdrawn: R13)', async () => {
    await withdrawOpenCases();
    const first = await file(globex, tokens.chloe, validBody(11));
    await withdrawOpenCases();
    const second = await file(globex, tokens.chloe, validBody(12));
    expect(Number(second.body.caseNumber.slice(-5))).toBe(Number(first.body.caseNumber.slice(-5)) + 1);
  });

  it('refuses a card payer with 409 not_invoice_payer and files nothing', async () => {
    const res = await file(acme, tokens.ada);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_invoice_payer');
    expect(await api.db.selectFrom('change_requests').selectAll().where('account_id', '=', acme).execute()).toEqual([]);
  });

  it('refuses a member with 403, and answers 404 to non-members and support staff, 401 without a token', async () => {
    expect((await file(acme, tokens.bob)).body.code).toBe('not_account_holder');
    expect((await file(globex, tokens.bob)).status).toBe(404);
    expect((await file(globex, tokens.sam)).status).toBe(404);
    expect((await file(globex, undefined)).status).toBe(401);
  });

  it('names every missing mandatory field', async () => {
    const empty = await file(globex, tokens.chloe, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contactEmail', 'current', 'details', 'requested']);
    const body = validBody();
    const partial = {
      ...body,
      details: '  ',
      current: { address: body.current.address, email: body.current.email },
      requested: { ...body.requested, address: { city: 'Paris', country: 'FR' }, email: undefined },
    };
    const res = await file(globex, tokens.chloe, partial);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'current.phone',
      'details',
      'requested.address.line1',
      'requested.email',
    ]);
  });

  it('refuses a request that changes nothing on the account as stored, whatever `current` says (400 naming `requested`)', async () => {
    await withdrawOpenCases();
    const page = (await api.request('GET', `/accounts/${globex}/billing`, { token: tokens.chloe })).body;
    const stored = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    // Typed differently (national phone, lower-case country, no line2 key when it is null) but the same values.
    const sameAsStored = { ...stored, address: { ...stored.address, country: stored.address.country.toLowerCase() } };
    const claimed = { ...validBody().current, email: 'claimed-current@globex.test' };
    const res = await file(globex, tokens.chloe, { ...validBody(), current: claimed, requested: sameAsStored });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'requested', message: 'Change at least one value' }]);
    const onePhone = await file(globex, tokens.chloe, { ...validBody(), requested: { ...stored, phone: '01 42 86 82 99' } });
    expect(onePhone.status).toBe(201);
    await withdrawOpenCases();
  });

  it('refuses a phone that is not valid in the country of its address, and unknown fields', async () => {
    const badPhone = await file(globex, tokens.chloe, { ...validBody(), requested: { ...newDetails(13), phone: '555 0100' } });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([{ path: 'requested.phone', message: expect.stringContaining('FR') }]);
    const unknown = await file(globex, tokens.chloe, { ...validBody(), status: 'completed' });
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['status']);
  });
});

describe("following the account's cases", () => {
  it('lists them newest first for the holder and shows one', async () => {
    const list = await api.request('GET', `/accounts/${globex}/change-requests`, { token: tokens.chloe });
    expect(list.status).toBe(200);
    const numbers = list.body.items.map((c: { caseNumber: string }) => c.caseNumber);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    expect(numbers).toEqual([...numbers].sort().reverse());
    const one = await api.request('GET', `/accounts/${globex}/change-requests/${list.body.items[0].id}`, { token: tokens.chloe });
    expect(one.body).toEqual(list.body.items[0]);
  });

  it("hides another account's case (404) and the list from members (403) and non-members (404)", async () => {
    const [someCase] = (await api.request('GET', `/accounts/${globex}/change-requests`, { token: tokens.chloe })).body.items;
    expect((await api.request('GET', `/accounts/${bikes}/change-requests/${someCase.id}`, { token: tokens.bob })).status).toBe(404);
    expect((await api.request('GET', `/accounts/${acme}/change-requests`, { token: tokens.bob })).status).toBe(403);
    expect((await api.request('GET', `/accounts/${globex}/change-requests`, { token: tokens.ada })).status).toBe(404);
    expect((await api.request('GET', `/accounts/${acme}/change-requests`, { token: tokens.ada })).body).toEqual({ items: [] });
  });
});
