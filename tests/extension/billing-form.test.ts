// The Billing page form: only changed fields are sent, nested as the API wants; a 412 keeps typed values.
import { describe, expect, it } from 'vitest';
import type { BillingPage } from '../../shared/api-types';
import {
  BILLING_FIELDS,
  CONTACT_FIELDS,
  buildPatch,
  changedPaths,
  checkValue,
  compactRecipients,
  DELIVERY_FIELDS,
  isFieldEditable,
  rebaseValues,
  toFormValues,
  validate,
} from '../../extension/utils/forms/billing-form';
import { serverFieldProblem } from '../../extension/utils/i18n/format';
import { parseServerUrl, needsHostPermission } from '../../extension/utils/connection/server-url';
import { pickActiveAccount } from '../../extension/utils/profiles';

const ALL = [...CONTACT_FIELDS, ...BILLING_FIELDS];
const address = { line1: '1 Market St', line2: null, city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' };
const page: BillingPage = {
  accountId: 'acc_1', role: 'holder', holderName: 'Ada Lovelace', editable: { contact: true, billing: true, vatId: true, invoiceLanguage: true, invoiceRecipients: true },
  paymentMethod: { type: 'card', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2028 },
  contact: { companyName: 'Acme Corp', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', phone: '+14155550100', address },
  billing: { email: 'billing@acme.test', phone: '+14155550101', vatId: null, address: { ...address, line2: 'Suite 200' }, invoiceLanguage: 'en', invoiceRecipients: [] },
  nextBillingDate: '2026-12-01', version: 7,
};

describe('billing form', () => {
  it('shows phones as people read them, and a phone typed with other spacing is not a change', async () => {
    const { formatPhone } = await import('../../extension/utils/forms/phone');
    const base = toFormValues(page, ALL, (e164) => formatPhone(e164));
    expect(base['contact.phone']).toBe('+1 415 555 0100');
    expect(changedPaths({ ...base }, toFormValues(page, ALL), ALL)).toEqual([]);
    expect(changedPaths({ ...base, 'contact.phone': '+1 (415) 555-0100' }, base, ALL)).toEqual([]);
    expect(changedPaths({ ...base, 'contact.phone': '+1 415 555 0199' }, base, ALL)).toEqual(['contact.phone']);
    // Other fields still compare exactly: spacing in a name is a change.
    expect(changedPaths({ ...base, 'contact.companyName': 'Acme  Corp' }, base, ALL)).toEqual(['contact.companyName']);
  });

  it('reads every field, showing null as empty', () => {
    const values = toFormValues(page, ALL);
    expect(values['contact.companyName']).toBe('Acme Corp');
    expect(values['contact.address.line2']).toBe('');
    expect(values['billing.address.line2']).toBe('Suite 200');
  });

  it('sends only the changed fields, nested, with emptied optional ones as null', () => {
    const base = toFormValues(page, ALL);
    const values = { ...base, 'contact.phone': ' +1 415 555 0199 ', 'contact.address.city': 'Oakland', 'billing.address.line2': '' };
    const contactPaths = changedPaths(values, base, CONTACT_FIELDS);
    expect(buildPatch(values, CONTACT_FIELDS, contactPaths)).toEqual({
      contact: { phone: '+1 415 555 0199', address: { city: 'Oakland' } },
    });
    const billingPaths = changedPaths(values, base, BILLING_FIELDS);
    expect(buildPatch(values, BILLING_FIELDS, billingPaths)).toEqual({ billing: { address: { line2: null } } });
  });

  it('validates the changed fields with the shared rules', () => {
    const base = toFormValues(page, ALL);
    const values = { ...base, 'contact.email': 'not-an-email', 'contact.companyName': ' ', 'contact.address.country': 'USA' };
    const problems = validate(values, CONTACT_FIELDS, changedPaths(values, base, CONTACT_FIELDS));
    expect(problems).toEqual({
      'contact.email': 'invalid_email',
      'contact.companyName': 'required',
      'contact.address.country': 'too_long',
    });
    expect(checkValue(CONTACT_FIELDS.find((f) => f.path === 'contact.address.country')!, 'u1')).toBe('invalid_country');
    expect(checkValue(CONTACT_FIELDS.find((f) => f.path === 'contact.phone')!, 'call me')).toBe('invalid_phone');
  });

  it('after a conflict keeps typed values and takes fresh ones for untouched fields', () => {
    const oldBase = toFormValues(page, ALL);
    const typed = { ...oldBase, 'contact.companyName': 'Acme Two' };
    const fresh = toFormValues(
      { ...page, version: 8, contact: { ...page.contact, companyName: 'Acme One', firstName: 'Augusta' } },
      ALL,
    );
    const merged = rebaseValues(typed, oldBase, fresh);
    expect(merged['contact.companyName']).toBe('Acme Two');
    expect(merged['contact.firstName']).toBe('Augusta');
    expect(changedPaths(merged, fresh, CONTACT_FIELDS)).toEqual(['contact.companyName']);
  });

  it("opens only the VAT id of an invoice payer's billing section to its holder (R6, R14), as the server's `editable` says", () => {
    const invoicePayer: BillingPage = { ...page, paymentMethod: { type: 'invoice' }, editable: { contact: true, billing: false, vatId: true, invoiceLanguage: true, invoiceRecipients: true } };
    expect(BILLING_FIELDS.filter((f) => isFieldEditable(invoicePayer, f.path)).map((f) => f.path)).toEqual(['billing.vatId']);
    expect(CONTACT_FIELDS.every((f) => isFieldEditable(invoicePayer, f.path))).toBe(true);
    const member: BillingPage = { ...page, role: 'user', editable: { contact: false, billing: false, vatId: false, invoiceLanguage: false, invoiceRecipients: false } };
    expect([...CONTACT_FIELDS, ...BILLING_FIELDS].some((f) => isFieldEditable(member, f.path))).toBe(false);
    expect(BILLING_FIELDS.every((f) => isFieldEditable(page, f.path))).toBe(true);
  });

  it('shows a VAT id refused for its billing country as a VAT id problem, not a country problem', () => {
    expect(serverFieldProblem('A DE VAT id does not match the billing country FR', 'billing.vatId')).toEqual({ problem: 'invalid_vat_id' });
    expect(serverFieldProblem('At most 32 characters', 'billing.vatId')).toEqual({ problem: 'too_long', max: 32 });
    // server/documents/printable.ts: the characters the invoice PDF cannot print, kept for the localised message.
    expect(serverFieldProblem('Contains characters that cannot be printed on invoices: 中, 🚀', 'billing.address.line2')).toEqual({ problem: 'unprintable', chars: '中, 🚀' });
    expect(serverFieldProblem('Not an ISO 3166-1 alpha-2 country code', 'billing.address.country')).toEqual({ problem: 'invalid_country' });
  });
});

describe('billing mails: invoice language and recipients (issue 14)', () => {
  const FIELDS = [...ALL, ...DELIVERY_FIELDS];
  const withRecipients = { ...page, billing: { ...page.billing, invoiceRecipients: ['ap@acme.test', 'cfo@acme.test'] } };

  it('reads each recipient into its row and the language into its select', () => {
    const values = toFormValues(withRecipients, FIELDS);
    expect(values['billing.invoiceRecipients.0']).toBe('ap@acme.test');
    expect(values['billing.invoiceRecipients.1']).toBe('cfo@acme.test');
    expect(values['billing.invoiceRecipients.2']).toBe('');
    expect(values['billing.invoiceLanguage']).toBe('en');
  });

  it('sends the whole list when one row changes, blanks left out, and the language alone when only it changes', () => {
    const base = toFormValues(withRecipients, FIELDS);
    const values = { ...base, 'billing.invoiceRecipients.0': '', 'billing.invoiceRecipients.2': ' books@acme.test ' };
    const paths = changedPaths(values, base, DELIVERY_FIELDS);
    expect(buildPatch(values, DELIVERY_FIELDS, paths)).toEqual({ billing: { invoiceRecipients: ['cfo@acme.test', 'books@acme.test'] } });
    const removedAll = { ...base, 'billing.invoiceRecipients.0': '', 'billing.invoiceRecipients.1': '' };
    expect(buildPatch(removedAll, DELIVERY_FIELDS, changedPaths(removedAll, base, DELIVERY_FIELDS))).toEqual({ billing: { invoiceRecipients: [] } });
    const french = { ...base, 'billing.invoiceLanguage': 'fr' };
    expect(buildPatch(french, DELIVERY_FIELDS, changedPaths(french, base, DELIVERY_FIELDS))).toEqual({ billing: { invoiceLanguage: 'fr' } });
  });

  it('closes up a blank row so rows are numbered as the API numbers them', () => {
    const values = compactRecipients({ 'billing.invoiceRecipients.0': '', 'billing.invoiceRecipients.1': 'b@x.test', 'billing.invoiceRecipients.2': 'c@x.test' });
    expect(values).toMatchObject({ 'billing.invoiceRecipients.0': 'b@x.test', 'billing.invoiceRecipients.1': 'c@x.test', 'billing.invoiceRecipients.2': '' });
  });

  it('flags per row what the server refuses: not a plain mailbox, listed twice, the billing e-mail itself', () => {
    const base = toFormValues(page, FIELDS);
    const values = {
      ...base,
      'billing.invoiceRecipients.0': 'ap@acme.test',
      'billing.invoiceRecipients.1': 'AP@acme.test',
      'billing.invoiceRecipients.2': 'Billing@Acme.test',
      'billing.invoiceRecipients.3': 'Ann <ann@acme.test>',
    };
    const problems = validate(values, DELIVERY_FIELDS, changedPaths(values, base, DELIVERY_FIELDS));
    expect(problems).toEqual({
      'billing.invoiceRecipients.1': 'duplicate_recipient',
      'billing.invoiceRecipients.2': 'recipient_is_billing_email',
      'billing.invoiceRecipients.3': 'invalid_email',
    });
  });

  it("maps the server's list messages onto the same problems, and the billing e-mail's clash onto its own", () => {
    expect(serverFieldProblem('Listed twice (also billing.invoiceRecipients.0)', 'billing.invoiceRecipients.1').problem).toBe('duplicate_recipient');
    expect(serverFieldProblem('This is the billing e-mail, which gets these mails already', 'billing.invoiceRecipients.0').problem).toBe('recipient_is_billing_email');
    expect(serverFieldProblem('Already an invoice recipient (billing.invoiceRecipients.0)', 'billing.email').problem).toBe('billing_email_is_recipient');
  });

  it('lets every holder change them directly, card or invoice payer, as `editable` says; a member nothing', () => {
    const invoicePayer: BillingPage = { ...page, paymentMethod: { type: 'invoice' }, editable: { ...page.editable, billing: false } };
    expect(isFieldEditable(invoicePayer, 'billing.invoiceRecipients.3')).toBe(true);
    expect(isFieldEditable(invoicePayer, 'billing.invoiceLanguage')).toBe(true);
    expect(isFieldEditable(invoicePayer, 'billing.email')).toBe(false);
    const member: BillingPage = { ...page, role: 'user', editable: { contact: false, billing: false, vatId: false, invoiceLanguage: false, invoiceRecipients: false } };
    expect(isFieldEditable(member, 'billing.invoiceRecipients.0')).toBe(false);
    expect(isFieldEditable(member, 'billing.invoiceLanguage')).toBe(false);
  });
});

describe('server address and profiles', () => {
  it('accepts http(s) addresses only and knows which need a permission', () => {
    expect(parseServerUrl(' http://127.0.0.1:8787/ ')).toBe('http://127.0.0.1:8787');
    expect(parseServerUrl('ftp://example.test')).toBeUndefined();
    expect(parseServerUrl('not an address')).toBeUndefined();
    expect(needsHostPermission('http://127.0.0.1:9999', 'http://127.0.0.1:8787')).toBe(false);
    expect(needsHostPermission('https://billing.example.test', 'http://127.0.0.1:8787')).toBe(true);
    expect(needsHostPermission('https://billing.example.test/', 'https://billing.example.test')).toBe(false);
  });

  it('keeps the chosen profile, else prefers an account the person holds', () => {
    const profiles = [
      { accountId: 'a', companyName: 'Acme', role: 'user' as const },
      { accountId: 'b', companyName: "Bob's Bikes", role: 'holder' as const },
    ];
    expect(pickActiveAccount(profiles, 'a')).toBe('a');
    expect(pickActiveAccount(profiles, 'gone')).toBe('b');
    expect(pickActiveAccount([], null)).toBeNull();
  });
});
