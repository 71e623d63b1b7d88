// Property-based fuzzing of every write route, path and query: never a 5xx; bad input → 400 with errors; good input
// → 2xx that reads back as written; control characters, bidi overrides, lone surrogates and 100 KB strings
// included, and no such character ever stored. FUZZ_RUNS (default 2,000 per route; `npm run fuzz` uses more).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN, normalizeEmail } from '../../shared/fields';
import { checkVatId } from '../../shared/vat-id';
import { identityKey } from '../../shared/identity-key';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
let api: TestApi;
let acme: string;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;
let ids: { sub: string; cr: string; invoice: string; proposal: string };

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  tokens = {
    ada: await tokenFor(api.db, 'ada@acme.test'),
    bob: await tokenFor(api.db, 'bob@acme.test'),
    chloe: await tokenFor(api.db, 'chloe@globex.test'),
    sam: await tokenFor(api.db, 'sam@support.test'),
  };
  const sub = await api.db.selectFrom('subscriptions').select('id').where('account_id', '=', acme).executeTakeFirstOrThrow();
  const invoice = await api.db.selectFrom('invoices').select('id').where('account_id', '=', globex).where('status', '=', 'open').executeTakeFirstOrThrow();
  ids = { sub: sub.id, invoice: invoice.id, cr: '', proposal: '' };
});
afterAll(() => api.close());

/** What every answer must be: never a 5xx; an error is problem+json with a code, a 400 names the fields. */
function checkAnswer(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(typeof res.body.code).toBe('string');
    if (res.status === 400) expect(res.body.errors.length).toBeGreaterThan(0);
  }
}

/** Mostly valid values, sometimes not: so that both the 2xx and the 400 paths are walked often. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });

/** What is not text (CWE-150): NUL, C0 and C1 controls, DEL, line breaks, bidi overrides and isolates, lone surrogates. */
const NOT_TEXT = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u007f', '\u0080', '\u0085', '\u009b', '\u009f',
  '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ud800', '\udfff', '\ud83d'];
/** Ordinary text with at least one character that is not text somewhere inside it. */
const notText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.string({ unit: fc.constantFrom(...NOT_TEXT), minLength: 1, maxLength: 4 }), fc.string({ maxLength: 8 }))
  .map(([a, b, c]) => `x${a}${b}${c}x`);
/** Long values made of separators (CWE-1333): 60 KB fits the 64 KiB body limit, 100 KB does not. */
const huge = fc.constantFrom(60_000, 100_000).chain((n) =>
  fc.constantFrom('.', '@', ' ', 'a', 'a.', '\u0000').map((s) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
);
const hostile = fc.oneof({ arbitrary: notText, weight: 8 }, { arbitrary: huge, weight: 1 });
const text = (max: number) =>
  mostly(fc.string({ minLength: 1, maxLength: Math.min(max, 40) }), fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(max + 1), 42, null), hostile));
const LOOSE_EMAILS = ['a:victim@x;', 'x"<y>@evil.test', 'victim@x(comment)', 'chloe@globex.test,attacker', 'Ada <ada@acme.test>', `a@${'.'.repeat(63_000)}@`];
const email = mostly(
  fc.oneof(fc.emailAddress(), fc.constantFrom('Pay@ACME.Test', ' ada@acme.test ')),
  fc.oneof(fc.constantFrom('nope', '@x.y', 'a@b', '', ...LOOSE_EMAILS), hostile, fc.emailAddress().chain((e) => notText.map((t) => e + t))),
);
const phone = mostly(fc.constantFrom('+14155550100', '+33 1 42 68 53 00', '+44 20 7946 0000'), fc.constantFrom('abc', '12', '', '+1 999'));
const country = mostly(fc.constantFrom('US', 'us', 'FR', 'GB'), fc.constantFrom('XX', 'USA', '', 'ZZ'));
const address = fc.record(
  { line1: text(120), line2: text(120), city: text(80), region: text(80), postalCode: text(20), country },
  { requiredKeys: [] },
);
/** VAT ids valid in some of the generated countries (R14: checked against the billing country), or any text. */
const vatId = fc.oneof(fc.constantFrom('GB980780684', '980 780 684', 'fr 40 303 265 045', '12-3456789', '', null), text(32));
/** Issue 14: the invoice language, and 0–5 more recipients (sometimes too many, repeated, or the billing e-mail). */
const invoiceLanguage = mostly(fc.constantFrom('en', 'fr'), fc.constantFrom('de', '', 'EN', 42, null));
const invoiceRecipients = mostly(
  fc.array(fc.oneof({ arbitrary: email, weight: 8 }, { arbitrary: fc.constantFrom('billing@acme.test', 'Pay@acme.test'), weight: 1 }), { maxLength: 5 }),
  fc.oneof(fc.array(email, { minLength: 6, maxLength: 8 }), fc.constantFrom('a@b.test', null, ['x@y.test', 'X@Y.test'])),
);
const billingPatch = fc
  .tuple(
    fc.record(
      {
        contact: fc.record({ companyName: text(120), firstName: text(80), lastName: text(80), email, phone, address }, { requiredKeys: [] }),
        billing: fc.record({ email, phone, vatId, address, invoiceLanguage, invoiceRecipients }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    fc.integer({ min: 0, max: 19 }),
  )
  // One body in twenty also tries to set the role (mass assignment): always refused.
  .map(([body, dice]) => (dice === 0 ? { ...body, role: 'holder' } : body));

/** The value the API should store for what was sent, or undefined where only the shape can be checked. */
function expectedStored(path: string, sent: unknown): unknown {
  // A whole recipient list (a proposal's change): each address as stored.
  if (path === 'billing.invoiceRecipients' && Array.isArray(sent)) return sent.map((a, i) => expectedStored(`${path}.${i}`, a));
  if (typeof sent !== 'string') return sent;
  if (path.endsWith('phone')) return undefined;
  if (path.endsWith('email') || path.endsWith('Email') || /^billing\.invoiceRecipients\.\d+$/.test(path)) return normalizeEmail(sent);
  if (path.endsWith('country')) return sent.trim().toUpperCase();
  const trimmed = sent.trim();
  return /line2|region|postalCode|vatId/.test(path) && !trimmed ? null : trimmed;
}

function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}
const at = (obj: any, path: string) => path.split('.').reduce((o, k) => o?.[k], obj);

describe('fuzzing the write routes', () => {
  it(`PATCH /accounts/:id/billing: ${RUNS} generated bodies`, async () => {
    let page = (await api.request('GET', `/accounts/${acme}/billing`, { token: tokens.ada })).body;
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(billingPatch, async (body) => {
        const res = await api.request('PATCH', `/accounts/${acme}/billing`, { token: tokens.ada, body, headers: { 'if-match': `"${page.version}"` } });
        checkAnswer(res);
        if (res.status === 200) {
          saved++;
          expect('role' in body).toBe(false);
          const read = (await api.request('GET', `/accounts/${acme}/billing`, { token: tokens.ada })).body;
          expect(read).toEqual(res.body);
          for (const [path, sent] of leaves(body)) {
            const want = expectedStored(path, sent);
            if (path.endsWith('phone')) expect(at(read, path)).toMatch(/^\+\d{6,15}$/);
            else if (path === 'billing.vatId') expect(checkVatId(sent as string, read.billing.address.country)).toEqual({ ok: true, value: read.billing.vatId });
            else expect(at(read, path)).toEqual(want);
          }
          // A list replaces the whole list: as long as sent, distinct, never the billing e-mail.
          const recipients = (body as { billing?: { invoiceRecipients?: unknown } }).billing?.invoiceRecipients;
          if (Array.isArray(recipients)) {
            expect(read.billing.invoiceRecipients).toHaveLength(recipients.length);
            const keys = [read.billing.email, ...read.billing.invoiceRecipients].map((e: string) => identityKey(e));
            expect(new Set(keys).size).toBe(keys.length);
          }
          page = res.body;
        } else {
          expect([400, 413]).toContain(res.status);
          expect((await api.request('GET', `/accounts/${acme}/billing`, { token: tokens.ada })).body.version).toBe(page.version);
        }
        if (leaves(body).some(([, v]) => typeof v === 'string' && SINGLE_LINE_FORBIDDEN.test(v.trim()))) expect(res.status).not.toBe(200);
      }),
      { numRuns: RUNS },
    );
    expect(saved).toBeGreaterThan(RUNS / 50);
  }, 300_000);

  it(`POST /accounts/:id/change-requests: ${RUNS} generated bodies`, async () => {
    const details = fc.record({ address, phone, email }, { requiredKeys: [] });
    const valid = fc.record({
      address: fc.record({ line1: fc.constantFrom('8 rue de Rivoli', '1 Market St'), line2: fc.constant(null), city: fc.constant('Paris'), region: fc.constant(null), postalCode: fc.constant('75004'), country: fc.constantFrom('FR', 'fr') }),
      phone: fc.constantFrom('+33142868201', '01 42 86 82 01'),
      email: fc.emailAddress(),
    });
    const body = fc.record(
      { contactEmail: email, current: fc.oneof(valid, details), requested: fc.oneof(valid, details), details: text(4000), isSupport: fc.constant(true) },
      { requiredKeys: [] },
    );
    let filed = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await api.request('POST', `/accounts/${globex}/change-requests`, { token: tokens.chloe, body: b });
        checkAnswer(res);
        if (res.status === 201) {
          filed++;
          ids.cr ||= res.body.id;
          const read = (await api.request('GET', `/accounts/${globex}/change-requests/${res.body.id}`, { token: tokens.chloe })).body;
          expect(read.requested.email).toBe(normalizeEmail(b.requested!.email as string));
          expect(read.details).toBe((b.details as string).trim());
          expect(read.status).toBe('open');
          for (const [path, v] of leaves(b)) {
            if (typeof v === 'string') expect((path === 'details' ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(v.trim()), path).toBe(false);
          }
          // One open case per account and the filing limits (R13, tested in change-request-rules.test.ts)
          // would refuse every later valid body: withdraw the case and move its filing out of the window.
          expect((await api.request('POST', `/accounts/${globex}/change-requests/${res.body.id}/withdraw`, { token: tokens.chloe })).status).toBe(200);
          await api.db.updateTable('change_requests').set({ created_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', res.body.id).execute();
        } else expect([400, 409, 413]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(filed).toBeGreaterThan(0);
  }, 300_000);

  it(`POST /accounts/:id/proposals: ${RUNS} generated bodies (the PATCH body under \`changes\`)`, async () => {
    const body = fc.record({ changes: billingPatch, note: fc.oneof(text(1000), fc.constant(null)) }, { requiredKeys: [] });
    let proposed = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await api.request('POST', `/accounts/${acme}/proposals`, { token: tokens.bob, body: b });
        checkAnswer(res);
        if (res.status === 201) {
          proposed++;
          for (const change of res.body.changes as { field: string; after: unknown }[]) {
            const sent = at(b.changes, change.field);
            const want = expectedStored(change.field, sent);
            // A VAT id is stored in its country's standard form (checked in the PATCH fuzz above).
            if (change.field !== 'billing.vatId' && want !== undefined) expect(change.after, change.field).toEqual(want);
            if (typeof change.after === 'string') expect(SINGLE_LINE_FORBIDDEN.test(change.after), change.field).toBe(false);
          }
          if (typeof res.body.note === 'string') expect(MULTI_LINE_FORBIDDEN.test(res.body.note)).toBe(false);
          ids.proposal ||= res.body.id;
          // Three pending per member and ten a day (proposals.test.ts): withdraw it and move it out of the day.
          if (res.body.id !== ids.proposal) {
            expect((await api.request('POST', `/accounts/${acme}/proposals/${res.body.id}/withdraw`, { token: tokens.bob })).status).toBe(200);
          }
          await api.db.updateTable('proposals').set({ created_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', res.body.id).execute();
        } else expect([400, 413]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(proposed).toBeGreaterThan(RUNS / 50);
  }, 300_000);

  it(`every other write route: ${RUNS} arbitrary JSON bodies each, never a 5xx`, async () => {
    const routes: [string, string, string][] = [
      ['POST', '/sessions', ''],
      ['POST', `/accounts/${acme}/subscriptions/${ids.sub}/cancel`, tokens.ada],
      ['POST', `/accounts/${acme}/subscriptions/${ids.sub}/resume`, tokens.ada],
      ['POST', '/me/password', tokens.ada],
      ['POST', `/support/change-requests/${ids.cr || 'none'}/reject`, tokens.sam],
      ['POST', `/support/change-requests/${ids.cr || 'none'}/complete`, tokens.sam],
      ['POST', `/accounts/${globex}/change-requests/${ids.cr || 'none'}/withdraw`, tokens.chloe],
      ['POST', `/support/invoices/${ids.invoice}/mark-paid`, tokens.sam],
      ['POST', `/accounts/${acme}/proposals/${ids.proposal || 'none'}/decline`, tokens.ada],
      ['POST', `/accounts/${acme}/proposals/${ids.proposal || 'none'}/withdraw`, tokens.ada],
    ];
    for (const [method, path, token] of routes) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (body) => {
          checkAnswer(await api.request(method, path, { token: token || undefined, body: JSON.stringify(body) }));
        }),
        { numRuns: RUNS },
      );
    }
  }, 300_000);
});

/** A path segment or query value as a client may send it: percent-encoded, lone surrogates as their (invalid) UTF-8, or malformed. */
const urlPart = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  hostile.map((s) => s.replace(/[\ud800-\udfff]/g, 'x')).map(encodeURIComponent),
  fc.constantFrom('%00', '%1B%5B2J', '%E2%80%AE', '%ED%A0%80', '%', '%zz', '%C0%80', '..', '%2F..%2F', 'a'.repeat(100_000), `a%40${'.'.repeat(63_000)}%40`),
);

describe('fuzzing paths and query strings', () => {
  it(`every route with a path parameter, and every query: ${RUNS} generated URLs, never a 5xx`, async () => {
    const routes: [string, (p: string) => string, string][] = [
      ['GET', (p) => `/accounts/${p}/billing`, tokens.ada],
      ['PATCH', (p) => `/accounts/${p}/billing`, tokens.ada],
      ['GET', (p) => `/accounts/${acme}/invoices/${p}`, tokens.ada],
      ['GET', (p) => `/accounts/${acme}/invoices/${p}/receipt`, tokens.ada],
      ['GET', (p) => `/accounts/${p}/subscriptions`, tokens.ada],
      ['POST', (p) => `/accounts/${acme}/subscriptions/${p}/cancel`, tokens.ada],
      ['GET', (p) => `/accounts/${globex}/change-requests/${p}`, tokens.chloe],
      ['POST', (p) => `/support/change-requests/${p}/complete`, tokens.sam],
      ['POST', (p) => `/support/invoices/${p}/mark-paid`, tokens.sam],
      ['GET', (p) => `/nowhere/${p}`, tokens.ada],
      ['GET', (p) => `/accounts/${acme}/invoices?number=${p}`, tokens.ada],
      ['GET', (p) => `/accounts/${acme}/invoices?cursor=${p}&limit=${p}`, tokens.ada],
      ['GET', (p) => `/accounts/${acme}/invoices?status=${p}&${p}=1`, tokens.ada],
      ['GET', (p) => `/support/change-requests?status=${p}`, tokens.sam],
      ['GET', (p) => `/support/change-requests?q=${p}&cursor=${p}&limit=${p}`, tokens.sam],
      ['GET', (p) => `/support/change-requests/${p}`, tokens.sam],
      ['GET', (p) => `/support/invoices?number=${p}`, tokens.sam],
      ['GET', (p) => `/accounts/${acme}/proposals?status=${p}&cursor=${p}&limit=${p}`, tokens.ada],
      ['POST', (p) => `/accounts/${acme}/proposals/${p}/approve`, tokens.ada],
      ['POST', (p) => `/accounts/${acme}/proposals/${p}/withdraw`, tokens.bob],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), urlPart, async ([method, url, token], part) => {
        const res = await api.request(method, url(part), { token, body: method === 'GET' ? undefined : {} });
        checkAnswer(res);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it(`every whole-number query parameter in the OpenAPI document: hex, sign, blank, exponent and decimal forms are a 400 naming it`, async () => {
    const doc = (await api.request('GET', '/openapi.json')).body;
    const params = Object.entries<any>(doc.paths).flatMap(([path, ops]) =>
      Object.entries<any>(ops).flatMap(([method, op]) =>
        (op.parameters ?? [])
          .filter((p: any) => p.in === 'query' && p.schema?.type === 'integer')
          .map((p: any) => ({ method: method.toUpperCase(), path: path.replace('/api/v1', '').replace('{id}', acme), name: p.name as string })),
      ),
    );
    // Every list's limit and every year; a new one is picked up from the document without editing this test.
    expect(params.length).toBeGreaterThanOrEqual(8);
    // Forms Number() (z.coerce.number) reads as the number n: percent-encoded as a client would send them.
    const loose = fc.integer({ min: 0, max: 3000 }).chain((n) =>
      fc.constantFrom(
        `0x${n.toString(16)}`, `0X${n.toString(16).toUpperCase()}`, `0o${n.toString(8)}`, `0b${n.toString(2)}`,
        `%2B${n}`, `+${n}`, `-${n}`, `%20${n}`, `${n}%20`, `%09${n}`, `%0A${n}`, `%C2%A0${n}`,
        `${n}e0`, `${n / 10}e1`, `${n}.0`, `${n}.`, `.${n}`, `${n}_0`,
        encodeURIComponent(String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...params), loose, async ({ method, path, name }, value) => {
        const token = path.startsWith('/support') ? tokens.sam : tokens.ada;
        const res = await api.request(method, `${path}?${name}=${value}`, { token });
        checkAnswer(res);
        expect(res.status, `${path}?${name}=${value}`).toBe(400);
        expect(res.body.errors.map((e: { path: string }) => e.path), `${path}?${name}=${value}`).toContain(`query.${name}`);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  }, 300_000);

  it(`the other write routes with hostile strings in their own fields: ${RUNS} bodies each, never a 5xx`, async () => {
    const routes: [string, string, string, string[]][] = [
      // The e-mail is always hostile here, so no body reaches the (deliberately slow) password hash.
      ['POST', '/sessions', '', ['email']],
      // (POST /me/password is left to the JSON bodies above: its passwords take any character, and each try hashes.)
      ['POST', `/support/change-requests/${ids.cr || 'none'}/reject`, tokens.sam, ['reason']],
      ['POST', `/accounts/${acme}/proposals/${ids.proposal || 'none'}/decline`, tokens.ada, ['reason']],
    ];
    // Like the withdrawn case above, a resolved proposal: a line feed is valid in a reason, and must not decline it.
    if (ids.proposal) await api.request('POST', `/accounts/${acme}/proposals/${ids.proposal}/withdraw`, { token: tokens.bob });
    for (const [method, path, token, fields] of routes) {
      const body = fc.record(Object.fromEntries(fields.map((f) => [f, hostile])));
      const extra = path === '/sessions' ? fc.record({ password: fc.oneof(hostile, fc.string()) }) : fc.constant({});
      await fc.assert(
        fc.asyncProperty(body, extra, async (b, e) => {
          const res = await api.request(method, path, { token: token || undefined, body: { ...b, ...e } });
          checkAnswer(res);
          expect(res.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: Math.ceil(RUNS / 4) },
      );
    }
  }, 300_000);
});
