// What the API accepts for a printed field, the invoice PDF reproduces: the printable rule on every write path, the marker for old values, and a property test over all document fields.
import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { DEMO_SELLER, parseSeller, SellerFileError, type Seller } from '../../server/billing/seller';
import { renderBillingPdf } from '../../server/documents/billing-pdf';
import { invoicePdf } from '../../server/documents/invoice-documents';
import { isPrintableCodePoint, REPLACEMENT_MARKER, unprintableCharacters, unprintableMessage } from '../../server/documents/printable';
import { memoryLogger } from '../../server/observability/logger';
import { LIMITS } from '../../shared/fields';
import type { Invoice } from '../../shared/api-types';
import { emailField, optionalText, requiredText } from '../../shared/schemas/common.schema';
import { checkVatId } from '../../shared/vat-id';
import { accountFlags, adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

/** Every text item of every page, whitespace removed: layout may wrap a value anywhere, but must not lose a character. */
async function pdfCharacters(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    // No normalisation by pdf.js (it would turn a ligature back into letters): what the PDF itself maps.
    const content = await (await doc.getPage(n)).getTextContent({ disableNormalization: true });
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await doc.destroy();
  // Each item on its own: a value that starts with a combining mark must not compose with the label before it.
  return parts.map(squeeze).join('');
}
const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/gu, '');

const address = { line1: 'Hauptstraße 5', line2: null, city: 'Berlin', region: null, postalCode: '10115', country: 'DE' };
/** An open invoice with a bill-to and one line, as the API gives it; the fields under test replace its texts. */
function invoiceWith(billTo: Partial<Invoice['billTo']>, description: string): Invoice {
  return {
    id: 'inv-1', number: 'FP-2026-000001', issuedAt: '2026-03-01T00:00:00.000Z', periodStart: '2026-03-01T00:00:00.000Z',
    periodEnd: '2026-04-01T00:00:00.000Z', total: 1100, currency: 'EUR', status: 'open', paidAt: null, subtotal: 1000, tax: 100,
    taxRateBp: 1000, receiptNumber: null, dueDate: '2026-03-31',
    payment: { reference: 'FP-2026-000001', bank: DEMO_SELLER.bank },
    billTo: { companyName: 'Acme', contactName: 'Ada Lovelace', email: 'ada@acme.test', phone: '+493012345678', vatId: null, address, invoiceRecipients: [], ...billTo },
    lines: [{ description, quantity: 1, unitAmount: 1000, amount: 1000, periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' }],
  };
}

describe('which characters print', () => {
  it('asks the font: Latin (with Extended-A/B, Turkish dotted/dotless i, ß, ẞ), Greek and Cyrillic print; CJK and emoji do not', () => {
    expect(unprintableCharacters('Ñandú straße İstanbul ıı ß ẞ Ελληνικά Ромашка Șțăĳǆ')).toEqual([]);
    expect(unprintableCharacters('Ñandú straße İstanbul ıı ß 中文字')).toEqual(['中', '文', '字']);
    expect(unprintableCharacters('Rocket 🚀 Ltd 🚀')).toEqual(['🚀']);
    expect(unprintableMessage(['中', '🚀'])).toBe('Contains characters that cannot be printed on invoices: 中, 🚀');
  });

  it('checks the NFC form: a decomposed "é" prints as the precomposed one the font has', () => {
    expect(unprintableCharacters('Cafe\u0301')).toEqual([]);
  });

  it('refuses right-to-left scripts (no bidi in the PDF) and invisible joiners, naming an invisible one by code point', () => {
    expect(unprintableCharacters('שלום')).toEqual(['ש', 'ל', 'ו', 'ם']);
    expect(unprintableCharacters('مرحبا').length).toBeGreaterThan(0);
    expect(unprintableMessage(unprintableCharacters('a\u200db'))).toBe('Contains characters that cannot be printed on invoices: U+200D');
  });
});

describe('the seller file', () => {
  it('is refused at start with a line naming a field the invoice cannot print', () => {
    const bad = { ...structuredClone(DEMO_SELLER), address: { ...DEMO_SELLER.address, city: '東京' } };
    expect(() => parseSeller(bad, 'seller.json')).toThrow(SellerFileError);
    expect(() => parseSeller(bad, 'seller.json')).toThrow(/^Seller file seller\.json: field address\.city is invalid: Contains characters that cannot be printed on invoices: 東, 京$/);
    expect(() => parseSeller({ ...structuredClone(DEMO_SELLER), legalName: 'Fastpath 🚀' }, 's.json')).toThrow(/field legalName/);
  });
});

describe('every path that writes a printed field refuses what the PDF cannot print', () => {
  let api: TestApi;
  let ada: string;
  let chloe: string;
  beforeAll(async () => {
    api = await createTestApi();
    ({ ada, chloe } = await api.signInDemo());
  }, 60_000);
  afterAll(() => api?.close());

  const patch = async (token: string, account: string, body: object) => {
    const page = await api.request('GET', `/accounts/${account}/billing`, { token });
    return api.request('PATCH', `/accounts/${account}/billing`, { token, body, headers: { 'if-match': page.headers.get('etag')! } });
  };

  it('the Billing page: 400 naming each field and its characters; the page is unchanged', async () => {
    const account = await api.accountId('Acme Corp');
    const res = await patch(ada, account, {
      contact: { companyName: 'Acme 🚀' },
      billing: { address: { line2: 'Ñandú straße İstanbul ıı ß 中文字' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'contact.companyName', message: 'Contains characters that cannot be printed on invoices: 🚀' },
        { path: 'billing.address.line2', message: 'Contains characters that cannot be printed on invoices: 中, 文, 字' },
      ]),
    );
    expect((await api.request('GET', `/accounts/${account}/billing`, { token: ada })).body.contact.companyName).toBe('Acme Corp');
    // What the PDF prints is accepted: Latin Extended, Greek, Cyrillic.
    const ok = await patch(ada, account, { billing: { address: { line2: 'Ñandú straße İstanbul ıı ß' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.billing.address.line2).toBe('Ñandú straße İstanbul ıı ß');
  });

  it('a change request: 400 naming requested.address.line1; no case is filed', async () => {
    const account = await api.accountId('Globex SARL');
    const page = (await api.request('GET', `/accounts/${account}/billing`, { token: chloe })).body;
    const current = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const res = await api.request('POST', `/accounts/${account}/change-requests`, {
      token: chloe,
      body: { contactEmail: 'chloe@globex.test', details: 'New office', current, requested: { ...current, address: { ...current.address, line1: '北京路 1号' } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'requested.address.line1', message: 'Contains characters that cannot be printed on invoices: 北, 京, 路, 号' }]);
    expect((await api.request('GET', `/accounts/${account}/change-requests`, { token: chloe })).body.items).toHaveLength(0);
  });

  it('completing a case filed before the rule: 400 naming the field, the case stays open and the account unchanged', async () => {
    const account = await api.accountId('Globex SARL');
    const page = (await api.request('GET', `/accounts/${account}/billing`, { token: chloe })).body;
    const current = { address: page.billing.address, phone: page.billing.phone, email: page.billing.email };
    const filed = await api.request('POST', `/accounts/${account}/change-requests`, {
      token: chloe,
      body: { contactEmail: 'chloe@globex.test', details: 'New office', current, requested: { ...current, address: { ...current.address, city: 'Springfield' } } },
    });
    expect(filed.status).toBe(201);
    // As stored by an older release, which did not check.
    const requested = { ...current, address: { ...current.address, city: '東京' } };
    await api.db.updateTable('change_requests').set({ requested: JSON.stringify(requested) }).where('id', '=', filed.body.id).execute();
    const sam = await api.signIn('sam@support.test');
    const res = await api.request('POST', `/support/change-requests/${filed.body.id}/complete`, { token: sam });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'requested.address.city', message: 'Contains characters that cannot be printed on invoices: 東, 京' }]);
    const after = await api.request('GET', `/accounts/${account}/change-requests/${filed.body.id}`, { token: chloe });
    expect(after.body.status).toBe('open');
    expect((await api.request('GET', `/accounts/${account}/billing`, { token: chloe })).body.billing.address.city).toBe(current.address.city);
  });

  it('the admin CLI: account create and subscription create name the flag', async () => {
    const admin = adminRunner(api.db);
    const created = await admin(['account', 'create', ...accountFlags({ company: 'Rocket 🚀 GmbH', city: 'Zürich' })]);
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain('--company');
    expect(created.stderr).toContain('cannot be printed on invoices: 🚀');
    const account = await api.accountId('Acme Corp');
    const sub = await admin(['subscription', 'create', account, '--product', 'Fastpath 商务', '--seats', '1', '--unit-price', '100', '--interval', 'month', '--start', '2026-03-01']);
    expect(sub.code).not.toBe(0);
    expect(sub.stderr).toContain('--product');
  });
});

describe('values stored before the rule', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  }, 60_000);
  afterAll(() => api?.close());

  it('print as a visible U+FFFD, never as nothing, and the server logs a warning naming the invoice and code points', async () => {
    const admin = adminRunner(api.db);
    const created = await admin(['account', 'create', ...accountFlags({ company: 'Old Name GmbH' }), '--json']);
    const account = created.json.id as string;
    await admin(['member', 'add', account, 'ada@acme.test', '--role', 'holder']);
    await admin(['subscription', 'create', account, '--product', 'Fastpath Business', '--seats', '1', '--unit-price', '1000', '--interval', 'month', '--start', '2026-03-01']);
    // Written by a release without the rule.
    await api.db.updateTable('accounts').set({ company_name: 'Rocket 🚀 中文 GmbH' }).where('id', '=', account).execute();
    await runBilling(api.db, simulatedPaymentProvider, new Date('2026-03-01T12:00:00Z'));
    const invoice = await api.db.selectFrom('invoices').select(['id', 'number']).where('account_id', '=', account).executeTakeFirstOrThrow();
    const { logger, lines } = memoryLogger('warn');
    const pdf = await invoicePdf(api.db, DEMO_SELLER, account, invoice.id, logger);
    expect(await pdfCharacters(pdf!.bytes)).toContain(squeeze(`Rocket ${REPLACEMENT_MARKER} ${REPLACEMENT_MARKER}${REPLACEMENT_MARKER} GmbH`));
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', event: 'document.unprintable', invoice: invoice.number, codePoints: ['U+1F680', 'U+4E2D', 'U+6587'] })]);
  });
});

/**
 * The guard: any value the API accepts for any field a billing document prints round-trips through
 * the PDF. Values mix characters the fonts have with arbitrary Unicode; "accepted" is the field's own
 * request schema (length, control characters, bidi overrides), its normalisation (VAT id), and the
 * printable rule — exactly what the write paths run.
 */
describe('property: every accepted value of every printed field appears in the PDF', () => {
  const printableChars = [...Array(0x10000).keys()].filter((cp) => (cp < 0xd800 || cp > 0xdfff) && isPrintableCodePoint(cp)).map((cp) => String.fromCodePoint(cp));
  const char = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...printableChars) },
    { weight: 2, arbitrary: fc.constantFrom(' ', '-', '.', ',', 'a', 'Z', '0') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );
  const text = (max: number) => fc.array(char, { minLength: 1, maxLength: Math.min(max, 30) }).map((cs) => cs.join(''));
  const accepted = (schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, value: string): string | null | undefined => {
    const parsed = schema.safeParse(value);
    if (!parsed.success || unprintableCharacters(value).length) return undefined;
    return parsed.data as string | null;
  };
  // Each field retries on its own until the API would accept it (a joint precondition would reject nearly every record).
  const acceptedOnly = <T,>(a: fc.Arbitrary<T | undefined>) => a.filter((v): v is T => v !== undefined);
  const required = (max: number) => acceptedOnly(text(max).map((v) => accepted(requiredText(max), v) as string | undefined));
  const optional = (max: number) => acceptedOnly(text(max).map((v) => accepted(optionalText(max), v)));
  const letters = printableChars.filter((c) => /[\p{L}\p{N}]/u.test(c));
  const record = fc.record({
    companyName: required(LIMITS.companyName),
    firstName: required(LIMITS.personName),
    lastName: required(LIMITS.personName),
    line1: required(LIMITS.addressLine),
    line2: optional(LIMITS.addressLine),
    city: required(LIMITS.city),
    region: optional(LIMITS.region),
    postalCode: optional(LIMITS.postalCode),
    email: acceptedOnly(
      fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...letters, '.', '_') }).map((local) => accepted(emailField, `${local}@example.test`) as string | undefined),
    ),
    // Stored as checkVatId normalises it (US: 4 to 20 letters and digits).
    vatId: acceptedOnly(
      fc.string({ minLength: 4, maxLength: 12, unit: fc.constantFrom(...'AB12 ıß9-'.split('')) }).map((v) => {
        const check = checkVatId(v, 'US');
        return check.ok && !unprintableCharacters(v).length ? check.value : undefined;
      }),
    ),
    product: required(LIMITS.companyName),
    sellerName: required(200),
    sellerCity: required(LIMITS.city),
    accountHolder: required(120),
  });

  it('renders, extracts with pdf.js, and finds each value', async () => {
    await fc.assert(
      fc.asyncProperty(record, async (v) => {
        const seller: Seller = {
          ...DEMO_SELLER,
          legalName: v.sellerName,
          address: { ...DEMO_SELLER.address, city: v.sellerCity },
          bank: { ...DEMO_SELLER.bank, accountHolder: v.accountHolder } as Seller['bank'],
        };
        const invoice = invoiceWith(
          {
            companyName: v.companyName, contactName: `${v.firstName} ${v.lastName}`, email: v.email, vatId: v.vatId,
            address: { line1: v.line1, line2: v.line2, city: v.city, region: v.region, postalCode: v.postalCode, country: 'US' },
          },
          v.product,
        );
        invoice.payment = { reference: invoice.number, bank: seller.bank };
        const bytes = await renderBillingPdf({ kind: 'invoice', language: 'en', invoice, seller, paymentMethod: null, onReplaced: (c) => { throw new Error(`replaced ${c}`); } });
        const printed = await pdfCharacters(bytes);
        for (const [field, value] of Object.entries(v)) {
          if (value === null) continue;
          expect(printed, field).toContain(squeeze(value));
        }
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 1414) },
    );
  }, 120_000);
});
