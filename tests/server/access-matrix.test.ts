// Access control, exhaustively: every route declares a policy (ASVS 8.2.1), and every route × principal
// gets the status its policy promises, with other accounts' ids tried on every id-bearing route (8.2.2, 8.4.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDOCUMENTED_ROUTES } from '../../server/app';
import { POLICIES, type Policy } from '../../server/http/policy';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

type Role = 'anonymous' | 'holder' | 'member' | 'outsider' | 'support';
interface Operation {
  method: string;
  path: string;
  policy: Policy;
}
interface Target {
  name: string;
  account: string;
  invoice: string;
  sub: string;
  cr?: string;
  /** A pending proposal by the member (issue 16 §2). */
  pid: string;
  people: Record<Exclude<Role, 'anonymous'>, string>;
}

let api: TestApi;
let operations: Operation[];
let targets: Target[];

async function idsOf(company: string) {
  const account = await api.accountId(company);
  const invoice = await api.db.selectFrom('invoices').select('id').where('account_id', '=', account).executeTakeFirstOrThrow();
  const sub = await api.db.selectFrom('subscriptions').select('id').where('account_id', '=', account).executeTakeFirstOrThrow();
  const cr = await api.db.selectFrom('change_requests').select('id').where('account_id', '=', account).executeTakeFirst();
  return { account, invoice: invoice.id, sub: sub.id, cr: cr?.id };
}

beforeAll(async () => {
  api = await createTestApi();
  const doc = (await api.request('GET', '/openapi.json')).body;
  operations = Object.entries(doc.paths as Record<string, Record<string, { 'x-policy': Policy }>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, policy: op['x-policy'] })),
  );
  // Bob is a member of Globex too, so the invoice payer's account has a member to test with.
  const bob = await api.db.selectFrom('users').select('id').where('email', '=', 'bob@acme.test').executeTakeFirstOrThrow();
  await api.db.insertInto('memberships').values({ account_id: await api.accountId('Globex SARL'), user_id: bob.id, role: 'user', created_at: new Date().toISOString() }).execute();
  const chloe = await tokenFor(api.db, 'chloe@globex.test');
  const globexId = await api.accountId('Globex SARL');
  const page = await api.request('GET', `/accounts/${globexId}/billing`, { token: chloe });
  const details = (b: typeof page.body.billing) => ({ address: b.address, phone: b.phone, email: b.email });
  const filed = await api.request('POST', `/accounts/${globexId}/change-requests`, {
    token: chloe,
    body: { contactEmail: 'chloe@globex.test', current: details(page.body.billing), requested: { ...details(page.body.billing), email: 'ap@globex.test' }, details: 'Nouvelle adresse' },
  });
  expect(filed.status).toBe(201);
  const bobToken = await tokenFor(api.db, 'bob@acme.test');
  const proposal = async (account: string) => {
    const res = await api.request('POST', `/accounts/${account}/proposals`, { token: bobToken, body: { changes: { contact: { firstName: 'Matrix' } } } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const acme = { ...(await idsOf('Acme Corp')), pid: await proposal(await api.accountId('Acme Corp')) };
  const globex = { ...(await idsOf('Globex SARL')), pid: await proposal(globexId) };
  targets = [
    { name: 'Acme Corp (card payer)', ...acme, people: { holder: 'ada@acme.test', member: 'bob@acme.test', outsider: 'chloe@globex.test', support: 'sam@support.test' } },
    { name: 'Globex SARL (invoice payer)', ...globex, people: { holder: 'chloe@globex.test', member: 'bob@acme.test', outsider: 'ada@acme.test', support: 'sam@support.test' } },
  ];
});
afterAll(() => api.close());

function expected(policy: Policy, role: Role): 'allowed' | number {
  if (policy === 'public') return 'allowed';
  if (role === 'anonymous') return 401;
  switch (policy) {
    case 'signed_in':
      return 'allowed';
    case 'member':
      return role === 'holder' || role === 'member' ? 'allowed' : 404;
    case 'holder':
      return role === 'holder' ? 'allowed' : role === 'member' ? 403 : 404;
    case 'support':
      return role === 'support' ? 'allowed' : 403;
  }
}

const fill = (path: string, ids: { account: string; invoice: string; sub: string; cr?: string; pid?: string }) =>
  path
    .replace('/api/v1', '')
    .replace('{id}', ids.account)
    .replace('{invoiceId}', ids.invoice)
    .replace('{sid}', ids.sub)
    .replace('{crId}', ids.cr ?? 'no-such-case')
    .replace('{pid}', ids.pid ?? 'no-such-proposal');

/**
 * Rules finer than a policy: withdrawing a proposal is its proposer's (the member here); the holder,
 * who sees it, gets 403 not_proposer (issue 16 §2).
 */
const FINER_RULES: Record<string, Partial<Record<Role, number>>> = {
  'POST /api/v1/accounts/{id}/proposals/{pid}/withdraw': { holder: 403 },
};

/** Who may call what, written down here so that loosening a route's policy fails this test. */
const EXPECTED_POLICIES: Record<string, Policy> = {
  'POST /api/v1/sessions': 'public',
  'GET /api/v1/health': 'public',
  'GET /api/v1/ready': 'public',
  'DELETE /api/v1/sessions/current': 'signed_in',
  'GET /api/v1/me': 'signed_in',
  'POST /api/v1/me/password': 'signed_in',
  'GET /api/v1/accounts/{id}/billing': 'member',
  'PATCH /api/v1/accounts/{id}/billing': 'holder',
  'GET /api/v1/accounts/{id}/invoices': 'holder',
  'GET /api/v1/accounts/{id}/invoices/upcoming': 'holder',
  'GET /api/v1/accounts/{id}/invoices/{invoiceId}': 'holder',
  'GET /api/v1/accounts/{id}/invoices/summary': 'holder',
  'GET /api/v1/accounts/{id}/invoices.csv': 'holder',
  'GET /api/v1/accounts/{id}/receipts.zip': 'holder',
  'GET /api/v1/accounts/{id}/invoices/{invoiceId}/receipt': 'holder',
  'GET /api/v1/accounts/{id}/invoices/{invoiceId}/pdf': 'holder',
  'GET /api/v1/accounts/{id}/invoices/{invoiceId}/receipt/pdf': 'holder',
  'GET /api/v1/accounts/{id}/activity': 'holder',
  'GET /api/v1/accounts/{id}/subscriptions': 'holder',
  'POST /api/v1/accounts/{id}/subscriptions/{sid}/cancel': 'holder',
  'POST /api/v1/accounts/{id}/subscriptions/{sid}/resume': 'holder',
  'POST /api/v1/accounts/{id}/change-requests': 'holder',
  'GET /api/v1/accounts/{id}/change-requests': 'holder',
  'GET /api/v1/accounts/{id}/change-requests/{crId}': 'holder',
  'POST /api/v1/accounts/{id}/change-requests/{crId}/withdraw': 'holder',
  'POST /api/v1/accounts/{id}/proposals': 'member',
  'GET /api/v1/accounts/{id}/proposals': 'member',
  'POST /api/v1/accounts/{id}/proposals/{pid}/approve': 'holder',
  'POST /api/v1/accounts/{id}/proposals/{pid}/decline': 'holder',
  'POST /api/v1/accounts/{id}/proposals/{pid}/withdraw': 'member',
  'GET /api/v1/support/change-requests': 'support',
  'GET /api/v1/support/change-requests/{crId}': 'support',
  'POST /api/v1/support/change-requests/{crId}/complete': 'support',
  'POST /api/v1/support/change-requests/{crId}/reject': 'support',
  'POST /api/v1/support/invoices/{invoiceId}/mark-paid': 'support',
  'GET /api/v1/support/invoices': 'support',
};

describe('route inventory', () => {
  it('declares for each documented route the policy this test expects', () => {
    const declared = Object.fromEntries(operations.map((o) => [`${o.method} ${o.path}`, o.policy]));
    for (const [route, policy] of Object.entries(declared)) expect(`${route} → ${policy}`).toBe(`${route} → ${EXPECTED_POLICIES[route]}`);
  });

  it('gives every registered route a declared policy', () => {
    const documented = new Map(operations.map((o) => [`${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`, o.policy]));
    const registered = api.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(registered.length).toBeGreaterThan(15);
    const undeclared = registered.filter((r) => {
      const policy = documented.get(r) ?? UNDOCUMENTED_ROUTES[r];
      return !policy || !POLICIES.includes(policy);
    });
    expect(undeclared).toEqual([]);
  });
});

describe('route × principal matrix', () => {
  it('answers every cell as the route policy says, for both kinds of account', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const target of targets) {
      for (const op of operations) {
        for (const role of ['anonymous', 'holder', 'member', 'outsider', 'support'] as const) {
          const token = role === 'anonymous' ? undefined : await tokenFor(api.db, target.people[role]);
          const path = fill(op.path, op.path.startsWith('/api/v1/support') ? { ...target, cr: targets[1].cr } : target);
          const res = await api.request(op.method, path, { token, body: ['POST', 'PATCH'].includes(op.method) ? {} : undefined });
          const want = FINER_RULES[`${op.method} ${op.path}`]?.[role] ?? expected(op.policy, role);
          const missingObject = path.includes('no-such-case');
          const ok =
            res.status < 500 &&
            (want === 'allowed' ? ![401, 403].includes(res.status) && (missingObject || res.status !== 404) : res.status === want);
          cells++;
          if (!ok) mismatches.push(`${target.name} ${role} ${op.method} ${op.path}: ${res.status}, expected ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(targets.length * operations.length * 5);
  });

  it("refuses every other account's invoice, subscription and case on every id-bearing route", async () => {
    const leaks: string[] = [];
    const byId = operations.filter((o) => /\{(invoiceId|sid|crId|pid)\}/.test(o.path) && o.path.includes('{id}'));
    expect(byId.length).toBeGreaterThanOrEqual(5);
    for (const [mine, theirs] of [[targets[0], targets[1]], [targets[1], targets[0]]]) {
      const token = await tokenFor(api.db, mine.people.holder);
      for (const op of byId) {
        const path = fill(op.path, { account: mine.account, invoice: theirs.invoice, sub: theirs.sub, cr: theirs.cr, pid: theirs.pid });
        if (path.includes('no-such-case')) continue;
        // A valid request apart from the id, so the answer can only be about the id.
        const body = op.method !== 'POST' ? undefined : op.path.endsWith('/decline') ? { reason: 'Not ours' } : {};
        const res = await api.request(op.method, path, { token, body, headers: { 'if-match': '*' } });
        if (res.status !== 404) leaks.push(`${mine.name} ${op.method} ${path}: ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
