// Account activity (issue 16 §1): who changed what and when, for the holder only, newest first, keyset-paged.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

let api: TestApi;
let acme: string;
let globex: string;
let t: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;

beforeAll(async () => {
  api = await createTestApi();
  [acme, globex] = await Promise.all(['Acme Corp', 'Globex SARL'].map((n) => api.accountId(n)));
  const [ada, bob, chloe, sam] = await Promise.all(['ada@acme.test', 'bob@acme.test', 'chloe@globex.test', 'sam@support.test'].map((e) => tokenFor(api.db, e)));
  t = { ada, bob, chloe, sam };
});
afterAll(() => api.close());

const activity = (account: string, token: string, query = '') => api.request('GET', `/accounts/${account}/activity${query}`, { token });
async function patch(account: string, token: string, body: object) {
  const page = await api.request('GET', `/accounts/${account}/billing`, { token });
  const res = await api.request('PATCH', `/accounts/${account}/billing`, { token, body, headers: { 'if-match': page.headers.get('etag')! } });
  expect(res.status).toBe(200);
}

describe('who may read it', () => {
  it('answers the holder, refuses a member with 403 and hides the account from others with 404', async () => {
    expect((await activity(acme, t.ada)).status).toBe(200);
    expect((await activity(acme, t.bob)).body.code).toBe('not_account_holder');
    expect((await activity(acme, t.chloe)).status).toBe(404);
    expect((await activity(acme, t.sam)).status).toBe(404);
  });
});

describe('what it shows', () => {
  it('shows a Billing page change with the person, their role and each field before and after', async () => {
    await patch(acme, t.ada, { contact: { companyName: 'Acme Holdings' } });
    const [entry] = (await activity(acme, t.ada, '?limit=1')).body.items;
    expect(entry).toMatchObject({
      action: 'billing_page.updated',
      actor: { type: 'person', name: 'Ada Lovelace', role: 'holder' },
      changes: [{ field: 'contact.companyName', before: 'Acme Corp', after: 'Acme Holdings' }],
    });
  });

  it('shows an address change as one field with the whole address on both sides', async () => {
    await patch(acme, t.ada, { billing: { address: { line1: '2 Mission St' } }, contact: { phone: '+1 415 555 0199' } });
    const [entry] = (await activity(acme, t.ada, '?limit=1')).body.items;
    expect(entry.changes).toEqual([
      { field: 'contact.phone', before: '+14155550100', after: '+14155550199' },
      {
        field: 'billing.address',
        before: { line1: '1 Market St', line2: 'Suite 200', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
        after: { line1: '2 Mission St', line2: 'Suite 200', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' },
      },
    ]);
  });

  it('shows subscriptions cancelled and resumed with their product', async () => {
    const sub = await api.db.selectFrom('subscriptions').select(['id', 'product']).where('account_id', '=', acme).executeTakeFirstOrThrow();
    for (const action of ['cancel', 'resume']) {
      expect((await api.request('POST', `/accounts/${acme}/subscriptions/${sub.id}/${action}`, { token: t.ada })).status).toBe(200);
    }
    const items = (await activity(acme, t.ada, '?limit=2')).body.items;
    expect(items.map((i: { action: string; product: string }) => [i.action, i.product])).toEqual([
      ['subscription.resumed', sub.product],
      ['subscription.cancelled', sub.product],
    ]);
  });

  it('shows the invoices the billing run issued and charged, by the system, with number and total', async () => {
    const { items } = (await activity(acme, t.ada, '?limit=100')).body;
    const latest = await api.db.selectFrom('invoices').selectAll().where('account_id', '=', acme).orderBy('issued_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const about = items.filter((i: { invoiceNumber?: string }) => i.invoiceNumber === latest.number);
    expect(about).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'invoice.issued', at: latest.issued_at, actor: { type: 'system' }, total: latest.total, currency: 'USD' }),
        expect.objectContaining({ action: 'invoice.paid', at: latest.paid_at, actor: { type: 'system' } }),
      ]),
    );
  });

  it('leaves out sign-ins, refusals and staff reads, however many there are', async () => {
    await api.request('POST', '/sessions', { body: { email: 'ada@acme.test', password: 'not the password' } });
    for (let i = 0; i < 3; i++) await activity(acme, t.bob);
    const { items } = (await activity(acme, t.ada, '?limit=100')).body;
    const shown = new Set<string>(items.map((i: { action: string }) => i.action));
    expect([...shown].filter((a) => !/^(billing_page|subscription|invoice|change_request)\./.test(a))).toEqual([]);
    const denied = await api.db.selectFrom('audit_log').select('id').where('account_id', '=', acme).where('action', '=', 'access.denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('names support by kind only, never by name or e-mail, for a change request filed, completed and rejected', async () => {
    const page = (await api.request('GET', `/accounts/${globex}/billing`, { token: t.chloe })).body;
    const current = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const fileCase = async (email: string) => {
      const res = await api.request('POST', `/accounts/${globex}/change-requests`, {
        token: t.chloe,
        body: { contactEmail: 'chloe@globex.test', current, requested: { ...current, email }, details: 'Nouvelle adresse' },
      });
      expect(res.status).toBe(201);
      return res.body.caseNumber as string;
    };
    const completed = await fileCase('ap@globex.test');
    expect((await api.request('POST', `/support/change-requests/${completed}/complete`, { token: t.sam, body: {} })).status).toBe(200);
    const rejected = await fileCase('other@globex.test');
    expect((await api.request('POST', `/support/change-requests/${rejected}/reject`, { token: t.sam, body: { reason: 'Pièce manquante' } })).status).toBe(200);
    const res = await activity(globex, t.chloe, '?limit=5');
    expect(JSON.stringify(res.body)).not.toMatch(/sam@|support\.test|Sam /);
    const rows = res.body.items.map((i: { action: string; actor: object; caseNumber?: string }) => [i.action, i.actor, i.caseNumber]);
    const chloe = { type: 'person', name: 'Chloé Dubois', role: 'holder' };
    expect(rows.slice(0, 2)).toEqual([['change_request.rejected', { type: 'support' }, rejected], ['change_request.filed', chloe, rejected]]);
    // Completion and the change it applied share one instant: their order is by id.
    expect(rows.slice(2, 4)).toEqual(
      expect.arrayContaining([['change_request.completed', { type: 'support' }, completed], ['billing_page.updated', { type: 'support' }, completed]]),
    );
    expect(rows[4]).toEqual(['change_request.filed', chloe, completed]);
    expect(res.body.items[0].reason).toBe('Pièce manquante');
    const applied = res.body.items.find((i: { action: string }) => i.action === 'billing_page.updated');
    expect(applied.changes).toEqual([{ field: 'billing.email', before: 'compta@globex.test', after: 'ap@globex.test' }]);
  });
});

describe('paging', () => {
  it('walks every entry once, newest first, with equal times ordered by id', async () => {
    const all = (await activity(acme, t.ada, '?limit=100')).body.items as Array<{ id: string; at: string }>;
    // Several entries share one instant: the tie must not lose or repeat any across pages.
    await sql`update audit_log set at = ${all[3].at} where id in (${all[0].id}, ${all[1].id}, ${all[2].id})`.execute(api.db);
    const seen: Array<{ id: string; at: string }> = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await activity(acme, t.ada, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.length).toBe(all.length);
    const key = (e: { at: string; id: string }) => `${e.at} ${e.id}`;
    expect(seen.map(key)).toEqual([...seen.map(key)].sort().reverse());
  });

  it('answers a cursor it did not give out, and a bad limit, with a 400 naming the field', async () => {
    for (const [query, path] of [['?cursor=nonsense', 'query.cursor'], ['?limit=0', 'query.limit'], ['?limit=101', 'query.limit']]) {
      const res = await activity(acme, t.ada, query);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe(path);
    }
  });
});
