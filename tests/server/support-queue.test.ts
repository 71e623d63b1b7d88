// The support desk's queue pages, search, late marks, and one case beside the account now (issue 17; R7, R8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let globex: string;
let chloe: string;
let sam: string;
const DAY = 24 * 60 * 60 * 1000;
let clock = new Date(Date.now() - 30 * DAY);

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  globex = await api.accountId('Globex SARL');
  [chloe, sam] = await Promise.all(['chloe@globex.test', 'sam@support.test'].map((e) => api.signIn(e)));
});
afterAll(() => api.close());

const billing = async () => (await api.request('GET', `/accounts/${globex}/billing`, { token: chloe })).body;
const details = (b: { address: object; phone: string; email: string }) => ({ address: b.address, phone: b.phone, email: b.email });

/** Files a case a day after the last one (R13's limits), withdrawing the account's open one first. */
async function fileCase(n: number, current?: object) {
  clock = new Date(clock.getTime() + DAY);
  const open = await api.db.selectFrom('change_requests').select('id').where('account_id', '=', globex).where('status', '=', 'open').execute();
  for (const { id } of open) await api.request('POST', `/accounts/${globex}/change-requests/${id}/withdraw`, { token: chloe });
  const now = details((await billing()).billing);
  const body = { contactEmail: 'chloe@globex.test', current: current ?? now, requested: { ...now, phone: `01 43 54 00 ${String(n).padStart(2, '0')}` }, details: `Case ${n}` };
  const res = await api.request('POST', `/accounts/${globex}/change-requests`, { token: chloe, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; caseNumber: string; expectedBy: string };
}
const get = (path: string, token = sam) => api.request('GET', path, { token });

describe('the queue, keyset-paged', () => {
  it('pages oldest first by a cursor, with no case twice or missing, and refuses a made-up cursor', async () => {
    const filed = [await fileCase(1), await fileCase(2), await fileCase(3)];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/support/change-requests?status=withdrawn&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((c: { caseNumber: string }) => c.caseNumber));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...new Set(seen)]);
    expect(seen).toEqual(expect.arrayContaining(filed.slice(0, 2).map((f) => f.caseNumber)));
    expect(seen.indexOf(filed[0].caseNumber)).toBeLessThan(seen.indexOf(filed[1].caseNumber));
    // Every page read is audited with the cases it showed: the queue carries contacts and details.
    const pages = await api.db.selectFrom('audit_log').select('after').where('action', '=', 'support.queue.viewed').execute();
    const shown = pages.flatMap((p) => (typeof p.after === 'string' ? JSON.parse(p.after) : p.after).cases as string[]);
    expect(shown).toEqual(expect.arrayContaining(seen));
    for (const bad of ['nonsense', Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await get(`/support/change-requests?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('query.cursor');
    }
    for (const limit of ['0', '101', 'two']) expect((await get(`/support/change-requests?limit=${limit}`)).status).toBe(400);
  });

  it('searches by case number prefix or by any case of the company name, and marks a case late after expectedBy', async () => {
    const filed = await fileCase(4);
    const numbers = async (q: string) => (await get(`/support/change-requests?q=${encodeURIComponent(q)}`)).body.items.map((c: { caseNumber: string }) => c.caseNumber);
    expect(await numbers(filed.caseNumber)).toEqual([filed.caseNumber]);
    expect(await numbers(filed.caseNumber.slice(0, 8).toLowerCase())).toContain(filed.caseNumber);
    expect(await numbers('GLOBEX s')).toEqual([filed.caseNumber]);
    expect(await numbers('acme')).toEqual([]);
    expect(await numbers('%')).toEqual([]);
    const [item] = (await get('/support/change-requests')).body.items.filter((c: { id: string }) => c.id === filed.id);
    expect(item.late).toBe(false);
    clock = new Date(`${filed.expectedBy}T23:59:59.999Z`);
    expect((await get('/support/change-requests')).body.items.find((c: { id: string }) => c.id === filed.id).late).toBe(false);
    clock = new Date(clock.getTime() + 1);
    expect((await get('/support/change-requests')).body.items.find((c: { id: string }) => c.id === filed.id).late).toBe(true);
  });
});

describe('one case as staff see it', () => {
  it("shows the account's billing details now, not what was typed, with the invoice a completion would reach; each view audited", async () => {
    const typed = { ...details((await billing()).billing), email: 'typo@globex.test' };
    const filed = await fileCase(5, typed);
    // The account changes after filing (an operator's import, say): the case must show the account as it is now.
    await api.db.updateTable('accounts').set({ billing_phone: '+33100000099' }).where('id', '=', globex).execute();
    const now = details((await billing()).billing);
    const res = await get(`/support/change-requests/${filed.caseNumber}`);
    expect(res.status).toBe(200);
    expect(res.body.accountNow).toEqual(now);
    expect(res.body.accountNow.phone).toBe('+33100000099');
    expect(res.body.current.email).toBe('typo@globex.test');
    expect(res.body.accountAtFiling.email).not.toBe('typo@globex.test');
    expect(res.body).toMatchObject({ late: false, resolvedBy: null, appliesFrom: { beforeNextBillingDate: expect.any(Boolean) } });
    expect(JSON.stringify(res.body)).not.toMatch(/card|last4|brand/i);
    const viewed = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'support.case.viewed').where('target', '=', filed.caseNumber).execute();
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actor_label: 'sam@support.test', at: clock.toISOString() });
  });

  it('names who resolved a case, so a second staff member sees it was done', async () => {
    const filed = await fileCase(6);
    expect((await api.request('POST', `/support/change-requests/${filed.id}/complete`, { token: sam })).status).toBe(200);
    const again = await api.request('POST', `/support/change-requests/${filed.id}/complete`, { token: sam });
    expect(again.status).toBe(409);
    const res = await get(`/support/change-requests/${filed.id}`);
    expect(res.body).toMatchObject({ status: 'completed', resolvedBy: 'sam@support.test' });
  });
});

describe('invoice search for staff', () => {
  it('finds an invoice by its number in any letter case, with its company; others get 403', async () => {
    const invoice = await api.db.selectFrom('invoices').select(['number', 'id']).where('account_id', '=', globex).executeTakeFirstOrThrow();
    const res = await get(`/support/invoices?number=${invoice.number.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: invoice.id, number: invoice.number, companyName: 'Globex SARL' })]);
    expect((await get('/support/invoices?number=FP-1999-000001')).body.items).toEqual([]);
    expect((await get('/support/invoices')).status).toBe(400);
    expect((await get(`/support/invoices?number=${invoice.number}`, chloe)).status).toBe(403);
    const searched = await api.db.selectFrom('audit_log').select(['actor_label', 'target']).where('action', '=', 'support.invoice.searched').execute();
    expect(searched).toContainEqual({ actor_label: 'sam@support.test', target: invoice.number.toLowerCase() });
  });
});
