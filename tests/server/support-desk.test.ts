// The support desk through the API: the queue, completing (the Billing page changes, R8), rejecting, each only once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let globex: string;
let tokens: Record<'ada' | 'chloe' | 'sam', string>;
// Each filing moves the clock a day on, so the filing limits (R13) never stop these tests; it ends before today.
const DAY = 24 * 60 * 60 * 1000;
let clock = new Date(Date.now() - 12 * DAY);

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  globex = await api.accountId('Globex SARL');
  const [ada, chloe, sam] = await Promise.all(['ada@acme.test', 'chloe@globex.test', 'sam@support.test'].map((e) => api.signIn(e)));
  tokens = { ada, chloe, sam };
});
afterAll(() => api.close());

const current = {
  address: { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', postalCode: '75004', country: 'FR' },
  phone: '+33142868201',
  email: 'compta@globex.test',
};
/** Files case `n`; an account has one open case at a time (R13), so the holder first withdraws the open one. */
async function fileCase(n: number, account = globex) {
  clock = new Date(clock.getTime() + DAY + 1000);
  const open = await api.db.selectFrom('change_requests').select('id').where('account_id', '=', account).where('status', '=', 'open').execute();
  for (const { id } of open) {
    expect((await api.request('POST', `/accounts/${account}/change-requests/${id}/withdraw`, { token: tokens.chloe })).status).toBe(200);
  }
  const requested = {
    address: { line1: `${n} quai de la Tournelle`, city: 'Paris', postalCode: '75005', country: 'FR' },
    phone: `01 43 54 00 ${String(n).padStart(2, '0')}`,
    email: `compta${n}@globex.test`,
  };
  const body = { contactEmail: 'chloe@globex.test', current, requested, details: `Case ${n}` };
  const res = await api.request('POST', `/accounts/${account}/change-requests`, { token: tokens.chloe, body });
  expect(res.status).toBe(201);
  // Staff act a second later, so "the last mail" is theirs, not the receipt of the filing.
  clock = new Date(clock.getTime() + 1000);
  return res.body as { id: string; caseNumber: string };
}
const queue = (status?: string, token = tokens.sam) =>
  api.request('GET', `/support/change-requests${status ? `?status=${status}` : ''}`, { token });
const complete = (crId: string, token = tokens.sam) => api.request('POST', `/support/change-requests/${crId}/complete`, { token });
const reject = (crId: string, body: unknown, token = tokens.sam) =>
  api.request('POST', `/support/change-requests/${crId}/reject`, { token, body });
const billingPage = async () => (await api.request('GET', `/accounts/${globex}/billing`, { token: tokens.chloe })).body;
const lastMailTo = async (to: string) =>
  (await api.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').execute())[0];

describe('the queue', () => {
  it('is for support staff only: others get 403 not_support_staff, no token 401', async () => {
    for (const token of [tokens.ada, tokens.chloe]) {
      const res = await queue('open', token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('not_support_staff');
    }
    expect((await api.request('GET', '/support/change-requests')).status).toBe(401);
    const first = await fileCase(1);
    for (const res of [await complete(first.id, tokens.chloe), await reject(first.id, { reason: 'x' }, tokens.ada)]) {
      expect(res.body.code).toBe('not_support_staff');
    }
  });

  it('lists open cases oldest first with the company name, by status, and refuses an unknown status', async () => {
    const admin = adminRunner(api.db, { now: () => clock });
    const flags = accountFlags({ company: 'Initech SARL', payment: 'invoice', 'card-brand': undefined, 'card-last4': undefined, 'card-expiry': undefined });
    const initech = (await admin(['account', 'create', ...flags, '--json'])).json.id;
    expect((await admin(['member', 'add', initech, 'chloe@globex.test', '--role', 'holder'])).code).toBe(0);
    const a = await fileCase(2);
    const b = await fileCase(3, initech);
    const res = await queue();
    expect(res.status).toBe(200);
    const numbers = res.body.items.map((c: { caseNumber: string }) => c.caseNumber);
    expect(numbers.indexOf(a.caseNumber)).toBeLessThan(numbers.indexOf(b.caseNumber));
    expect(numbers).toEqual([...numbers].sort());
    expect(res.body.items[0]).toMatchObject({ companyName: 'Globex SARL', status: 'open' });
    expect((await queue('completed')).body.items).toEqual([]);
    const bad = await queue('done');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.status');
  });
});

describe('completing a case', () => {
  it('applies the requested billing details to the Billing page, bumps its version, audits and mails the contact in French', async () => {
    const filed = await fileCase(4);
    const before = await billingPage();
    const res = await complete(filed.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: filed.id, status: 'completed', companyName: 'Globex SARL', rejectReason: null });
    expect(res.body.resolvedAt).toEqual(expect.any(String));
    // The demo's next billing date is the first of next month: this change lands on that invoice (R8).
    expect(res.body.appliesFrom).toEqual({ beforeNextBillingDate: true, nextBillingDate: before.nextBillingDate });

    const after = await billingPage();
    expect(after.version).toBe(before.version + 1);
    expect(after.billing).toMatchObject({
      email: 'compta4@globex.test',
      phone: '+33143540004',
      vatId: before.billing.vatId,
      address: { line1: '4 quai de la Tournelle', line2: null, city: 'Paris', region: null, postalCode: '75005', country: 'FR' },
    });
    expect(after.contact).toEqual(before.contact);

    const audit = await api.db.selectFrom('audit_log').selectAll().where('target', '=', filed.caseNumber).orderBy('at').execute();
    const page = audit.find((a) => a.action === 'billing_page.updated')!;
    expect(page).toMatchObject({ account_id: globex, actor_label: 'sam@support.test' });
    expect(JSON.parse(page.before!)).toMatchObject({ 'billing.address.line1': '8 rue de Rivoli', 'billing.email': 'compta@globex.test' });
    expect(JSON.parse(page.after!)).toMatchObject({ 'billing.address.line1': '4 quai de la Tournelle', 'billing.email': 'compta4@globex.test' });
    expect(audit.find((a) => a.action === 'change_request.completed')).toMatchObject({ actor_label: 'sam@support.test' });

    const mail = await lastMailTo('chloe@globex.test');
    expect(mail.subject).toBe(`Vos informations de facturation ont été mises à jour (${filed.caseNumber})`);
    expect(mail.text_body).toContain('compta@globex.test → compta4@globex.test');
    expect(mail.text_body).toContain("s'appliquent dès votre prochaine facture");

    const seen = await api.request('GET', `/accounts/${globex}/change-requests/${filed.id}`, { token: tokens.chloe });
    expect(seen.body).toMatchObject({ status: 'completed', resolvedAt: res.body.resolvedAt });
  });

  it('happens once: a second complete or a reject is 409 already_resolved and changes nothing', async () => {
    const filed = await fileCase(5);
    expect((await complete(filed.caseNumber)).status).toBe(200);
    const version = (await billingPage()).version;
    for (const res of [await complete(filed.id), await reject(filed.id, { reason: 'Too late' })]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('already_resolved');
    }
    expect((await billingPage()).version).toBe(version);
  });

  it('lets only one of two staff members completing at the same moment win', async () => {
    const filed = await fileCase(6);
    const version = (await billingPage()).version;
    const results = await Promise.all([complete(filed.id), complete(filed.id), complete(filed.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await billingPage()).version).toBe(version + 1);
    const mails = await api.db.selectFrom('outbox_emails').select('subject').where('subject', 'like', `%(${filed.caseNumber})`).execute();
    expect(mails).toHaveLength(1);
  });

  it('says the change shows on the invoice after the next one once the next billing date has passed (R8)', async () => {
    const filed = await fileCase(7);
    const passed = new Date(clock.getTime() - 60 * 60 * 1000).toISOString();
    await api.db.updateTable('subscriptions').set({ current_period_end: passed }).where('account_id', '=', globex).execute();
    const res = await complete(filed.id);
    expect(res.body.appliesFrom).toEqual({ beforeNextBillingDate: false, nextBillingDate: passed.slice(0, 10) });
    expect((await lastMailTo('chloe@globex.test')).text_body).toContain('la facture qui suit votre prochaine facture');
  });

  it('answers 404 for an unknown case', async () => {
    expect((await complete('no-such-case')).status).toBe(404);
    expect((await reject('CR-1999-00001', { reason: 'x' })).status).toBe(404);
  });
});

describe('rejecting a case', () => {
  it('needs a reason of at most 1000 characters', async () => {
    const filed = await fileCase(8);
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(1001) }]) {
      const res = await reject(filed.id, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('reason');
    }
  });

  it('closes the case with the reason, leaves the Billing page alone, mails the reason, and happens once', async () => {
    const filed = await fileCase(9);
    const before = await billingPage();
    const res = await reject(filed.id, { reason: 'Merci de joindre un justificatif.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', rejectReason: 'Merci de joindre un justificatif.' });
    expect(await billingPage()).toEqual(before);
    const mail = await lastMailTo('chloe@globex.test');
    expect(mail.subject).toBe(`Votre demande de modification de facturation ${filed.caseNumber} a été refusée`);
    expect(mail.text_body).toContain('Merci de joindre un justificatif.');
    expect((await reject(filed.id, { reason: 'again' })).body.code).toBe('already_resolved');
    expect((await complete(filed.id)).body.code).toBe('already_resolved');
    expect((await queue('rejected')).body.items.map((c: { id: string }) => c.id)).toContain(filed.id);
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'change_request.rejected').execute();
    expect(audit.find((a) => a.target === filed.caseNumber)).toMatchObject({ actor_label: 'sam@support.test' });
  });
});

it('documents every route with its policy in the OpenAPI document', async () => {
  const doc = (await api.request('GET', '/openapi.json')).body;
  expect(doc.paths['/api/v1/accounts/{id}/change-requests'].post['x-policy']).toBe('holder');
  expect(doc.paths['/api/v1/accounts/{id}/change-requests/{crId}'].get['x-policy']).toBe('holder');
  expect(doc.paths['/api/v1/support/change-requests'].get['x-policy']).toBe('support');
  expect(doc.paths['/api/v1/support/change-requests/{crId}/complete'].post['x-policy']).toBe('support');
  expect(JSON.stringify(doc.paths['/api/v1/support/change-requests/{crId}/reject'].post.requestBody)).toContain('RejectChangeRequest');
});
