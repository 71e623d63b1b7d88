// R13 and issue 12 §6/§8: one open case per account (also under parallel filings), filing limits, withdraw, the account at filing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILING_LIMITS, FILING_WINDOW_MS } from '../../server/change-requests/filing-limits';
import { isUniqueViolation } from '../../server/db/unique-violation';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;
// The clock moves a day at the start of each test, so each one starts with no filing in the limits' window.
let clock = new Date();
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  globex = await api.accountId('Globex SARL');
  tokens = await api.signInDemo();
});
afterAll(() => api.close());
beforeEach(async () => {
  clock = new Date(clock.getTime() + DAY + 1000);
  await api.db.updateTable('change_requests').set({ status: 'withdrawn' }).where('status', '=', 'open').execute();
});

const body = (n: number, contactEmail = 'chloe@globex.test') => ({
  contactEmail,
  // What the person says the account holds now: deliberately not what it holds.
  current: {
    address: { line1: '1 rue Imaginaire', city: 'Lyon', postalCode: '69001', country: 'FR' },
    phone: '+33472000000',
    email: 'pas-la-verite@globex.test',
  },
  requested: {
    address: { line1: `${n} quai de la Tournelle`, city: 'Paris', postalCode: '75005', country: 'FR' },
    phone: `01 43 54 00 ${String(n % 100).padStart(2, '0')}`,
    email: `compta${n}@globex.test`,
  },
  details: `Case ${n}`,
});
const file = (n: number, account = globex, token = tokens.chloe) =>
  api.request('POST', `/accounts/${account}/change-requests`, { token, body: body(n) });
const withdraw = (crId: string, account = globex, token = tokens.chloe) =>
  api.request('POST', `/accounts/${account}/change-requests/${crId}/withdraw`, { token });
const openCases = (account: string) =>
  api.db.selectFrom('change_requests').select('id').where('account_id', '=', account).where('status', '=', 'open').execute();
const mailsTo = (to: string) => api.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).execute();

describe('one open change request per account (R13)', () => {
  it('answers a second filing with 409 change_request_open naming the open case, and files and mails nothing', async () => {
    const first = await file(1);
    expect(first.status).toBe(201);
    const mailsBefore = (await mailsTo('chloe@globex.test')).length;
    const second = await file(2);
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toBe('application/problem+json');
    expect(second.body).toMatchObject({ code: 'change_request_open', openCase: { id: first.body.id, caseNumber: first.body.caseNumber } });
    expect(second.body.detail).toContain(first.body.caseNumber);
    expect(await openCases(globex)).toEqual([{ id: first.body.id }]);
    expect((await mailsTo('chloe@globex.test')).length).toBe(mailsBefore);
  });

  it('lets exactly one of 50 parallel filings through; the other 49 get 409 naming that case', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => file(100 + i)));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'change_request_open', openCase: { id: created[0].body.id } });
    expect(await openCases(globex)).toEqual([{ id: created[0].body.id }]);
  });

  it('is kept by the database itself: a second open row for the account cannot be inserted', async () => {
    const first = await file(3);
    const row = await api.db.selectFrom('change_requests').selectAll().where('id', '=', first.body.id).executeTakeFirstOrThrow();
    const refused = await api.db
      .insertInto('change_requests')
      .values({ ...row, id: 'cr-twin', case_number: 'CR-TWIN' })
      .execute()
      .then(() => undefined, (err: unknown) => err);
    // The service recognises exactly this error, on either database, and answers it with the 409.
    expect(isUniqueViolation(refused, { index: 'change_requests_one_open', columns: 'change_requests.account_id' })).toBe(true);
    expect(isUniqueViolation(refused, { index: 'other_index', columns: 'change_requests.case_number' })).toBe(false);
    await api.db.insertInto('change_requests').values({ ...row, id: 'cr-done', case_number: 'CR-DONE', status: 'completed' }).execute();
  });

  it('allows a new filing once the open case is withdrawn, completed or rejected', async () => {
    const a = await file(4);
    expect((await withdraw(a.body.id)).status).toBe(200);
    const b = await file(5);
    expect(b.status).toBe(201);
    expect((await api.request('POST', `/support/change-requests/${b.body.id}/reject`, { token: tokens.sam, body: { reason: 'No' } })).status).toBe(200);
    expect((await file(6)).status).toBe(201);
  });
});

describe('filing limits (CWE-799)', () => {
  it(`answers 429 with Retry-After after ${FILING_LIMITS.account} filings on one account within 24 hours`, async () => {
    const start = clock.getTime();
    for (let i = 0; i < FILING_LIMITS.account; i++) {
      clock = new Date(start + i * 60_000);
      const res = await file(10 + i);
      expect(res.status).toBe(201);
      expect((await withdraw(res.body.id)).status).toBe(200);
    }
    clock = new Date(start + 60 * 60_000);
    const refused = await file(20);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    // The first filing leaves the window 23 hours from now.
    expect(refused.headers.get('retry-after')).toBe(String((FILING_WINDOW_MS - 60 * 60_000) / 1000));
    expect(await openCases(globex)).toEqual([]);
    clock = new Date(start + FILING_WINDOW_MS + 1000);
    expect((await file(21)).status).toBe(201);
  });

  it(`counts a person's filings across every account they hold (${FILING_LIMITS.person} within 24 hours)`, async () => {
    const admin = adminRunner(api.db, { now: () => clock });
    const accounts: string[] = [];
    const perAccount = FILING_LIMITS.account;
    const needed = Math.ceil((FILING_LIMITS.person + 1) / perAccount);
    for (let i = 0; i < needed; i++) {
      const flags = accountFlags({ company: `Nordwind ${i}`, payment: 'invoice', 'card-brand': undefined, 'card-last4': undefined, 'card-expiry': undefined });
      const created = await admin(['account', 'create', ...flags, '--json']);
      expect(created.code).toBe(0);
      expect((await admin(['member', 'add', created.json.id, 'bob@acme.test', '--role', 'holder'])).code).toBe(0);
      accounts.push(created.json.id);
    }
    const answers: number[] = [];
    for (let n = 0; n <= FILING_LIMITS.person; n++) {
      const account = accounts[Math.floor(n / perAccount)];
      const res = await file(30 + n, account, tokens.bob);
      answers.push(res.status);
      if (res.status === 201) await withdraw(res.body.id, account, tokens.bob);
      else expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(answers).toEqual([...Array(FILING_LIMITS.person).fill(201), 429]);
  });
});

describe('withdrawing a case (R13)', () => {
  it('withdraws an open case: status withdrawn, audited, a mail to the case contact in the holder’s language', async () => {
    const filed = await api.request('POST', `/accounts/${globex}/change-requests`, { token: tokens.chloe, body: body(40, 'Compta@Globex.TEST') });
    const res = await withdraw(filed.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: filed.body.id, status: 'withdrawn', resolvedAt: clock.toISOString() });
    const read = await api.request('GET', `/accounts/${globex}/change-requests/${filed.body.id}`, { token: tokens.chloe });
    expect(read.body.status).toBe('withdrawn');
    const audit = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'change_request.withdrawn').where('target', '=', filed.body.caseNumber).execute();
    expect(audit).toMatchObject([{ account_id: globex, actor_label: 'chloe@globex.test', after: JSON.stringify({ status: 'withdrawn' }) }]);
    const mails = (await mailsTo('Compta@globex.test')).filter((m) => m.subject.includes(filed.body.caseNumber));
    expect(mails.map((m) => m.subject)).toEqual([
      `Nous avons bien reçu votre demande de modification de facturation ${filed.body.caseNumber}`,
      `Votre demande de modification de facturation ${filed.body.caseNumber} a été retirée`,
    ]);
    expect(mails[1].text_body).toContain('Globex SARL');
  });

  it('refuses a case that is not open any more (409 already_resolved), and support cannot resolve a withdrawn case', async () => {
    const filed = await file(41);
    await withdraw(filed.body.id);
    const again = await withdraw(filed.body.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_resolved', detail: expect.stringContaining('withdrawn') });
    for (const action of ['complete', 'reject']) {
      const res = await api.request('POST', `/support/change-requests/${filed.body.id}/${action}`, { token: tokens.sam, body: action === 'reject' ? { reason: 'x' } : undefined });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('already_resolved');
    }
    const queue = await api.request('GET', '/support/change-requests?status=withdrawn', { token: tokens.sam });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(filed.body.id);
  });

  it('happens once under 20 parallel withdrawals: one 200, the rest 409, one notice', async () => {
    const filed = await file(43);
    const answers = await Promise.all(Array.from({ length: 20 }, () => withdraw(filed.body.id)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    const notices = await api.db.selectFrom('outbox_emails').select('id').where('subject', 'like', `%${filed.body.caseNumber} was withdrawn%`).execute();
    const frNotices = await api.db.selectFrom('outbox_emails').select('id').where('subject', 'like', `%${filed.body.caseNumber} a été retirée%`).execute();
    expect(notices.length + frNotices.length).toBe(1);
  });

  it('is for the holder of the account only: 403 for a member, 404 for other accounts and unknown cases, 401 without a token', async () => {
    const filed = await file(42);
    const acme = await api.accountId('Acme Corp');
    const bikes = await api.accountId("Bob's Bikes");
    expect((await withdraw(filed.body.id, globex, tokens.bob)).status).toBe(404);
    expect((await withdraw(filed.body.id, bikes, tokens.bob)).status).toBe(404);
    expect((await withdraw(filed.body.id, acme, tokens.bob)).body.code).toBe('not_account_holder');
    expect((await withdraw('no-such-case')).status).toBe(404);
    const tooLong = await withdraw('x'.repeat(65));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toContain('crId');
    expect((await api.request('POST', `/accounts/${globex}/change-requests/${filed.body.id}/withdraw`)).status).toBe(401);
    expect(await openCases(globex)).toEqual([{ id: filed.body.id }]);
  });
});

describe('what the account held at filing (issue 12 §8)', () => {
  it('stores the account’s billing details beside the typed `current`, and shows both to the holder and to support', async () => {
    const filed = await file(50);
    const held = {
      address: { line1: '8 rue de Rivoli', line2: 'Service comptabilité', city: 'Paris', region: null, postalCode: '75004', country: 'FR' },
      phone: '+33142868201',
      email: 'compta@globex.test',
    };
    expect(filed.body.current).toMatchObject({ address: { line1: '1 rue Imaginaire' }, email: 'pas-la-verite@globex.test' });
    expect(filed.body.accountAtFiling).toEqual(held);
    const read = await api.request('GET', `/accounts/${globex}/change-requests/${filed.body.id}`, { token: tokens.chloe });
    expect(read.body.accountAtFiling).toEqual(held);
    const staff = await api.request('GET', `/support/change-requests/${filed.body.caseNumber}`, { token: tokens.sam });
    expect(staff.body).toMatchObject({ current: filed.body.current, accountAtFiling: held });
    const audit = await api.db.selectFrom('audit_log').select('after').where('action', '=', 'change_request.created').where('target', '=', filed.body.caseNumber).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!).accountAtFiling).toEqual(held);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/openapi.json')).body;
    const schema = doc.components.schemas.ChangeRequest;
    expect(schema.required).toContain('accountAtFiling');
    expect(JSON.stringify(schema.properties.accountAtFiling)).toContain('R13');
    const withdrawRoute = doc.paths['/api/v1/accounts/{id}/change-requests/{crId}/withdraw'].post;
    // Its own answers; guardedRoute adds the central ones (413, 500, 503) besides.
    expect(Object.keys(withdrawRoute.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(doc.components.schemas.Problem.properties.openCase).toBeDefined();
    const fileRoute = doc.paths['/api/v1/accounts/{id}/change-requests'].post;
    expect(fileRoute.responses['409'].description).toContain('change_request_open');
    expect(fileRoute.responses['429'].description).toContain('rate_limited');
  });
});
