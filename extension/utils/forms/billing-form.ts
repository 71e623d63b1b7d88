// The Billing page as a flat form: field specs, page ↔ values, validation, patch building, rebasing.
import type { BillingPage, BillingPagePatch } from '../../../shared/api-types';
import { COUNTRY_PATTERN, LIMITS, checkField } from '../../../shared/fields';
import { invoiceRecipientErrors, MAX_INVOICE_RECIPIENTS } from '../../../shared/invoice-recipients';
import { serverFieldProblem, type UiProblem } from '../i18n/format';
import type { MessageKey } from '../i18n/i18n';

/** `multiline` is text that keeps line feeds (a textarea); `text` is one line; `language` is en or fr (a select). */
export type FieldKind = 'text' | 'multiline' | 'email' | 'phone' | 'country' | 'language';
export type Section = 'contact' | 'billing';

/** The HTML input type for each kind of field. */
export const INPUT_TYPES = { text: 'text', multiline: 'text', email: 'email', phone: 'tel', country: 'text', language: 'text' } as const satisfies Record<FieldKind, string>;

export interface FieldSpec {
  /** Dotted API path, the same the server uses in `errors[].path`. */
  path: string;
  kind: FieldKind;
  max: number;
  required: boolean;
  label: MessageKey;
  /** Nullable on the API: an empty input is sent as null. */
  nullable?: boolean;
  /** The WHATWG autofill token (HTML §4.10.18.7), "billing …" in the billing section; "off" where none fits. */
  autocomplete: string;
}

/** Values keyed by API path; every value a string (null shows as ''). */
export type FormValues = Record<string, string>;

/** The autofill token of a field, with the WHATWG "billing" section prefix in the billing section. */
export function autofill(section: Section, token: string): string {
  return section === 'billing' ? `billing ${token}` : token;
}

function addressSpecs(section: Section): FieldSpec[] {
  const p = `${section}.address.`;
  const a = (token: string) => autofill(section, token);
  return [
    { path: `${p}line1`, kind: 'text', max: LIMITS.addressLine, required: true, label: 'fields.line1', autocomplete: a('address-line1') },
    { path: `${p}line2`, kind: 'text', max: LIMITS.addressLine, required: false, label: 'fields.line2', nullable: true, autocomplete: a('address-line2') },
    { path: `${p}city`, kind: 'text', max: LIMITS.city, required: true, label: 'fields.city', autocomplete: a('address-level2') },
    { path: `${p}region`, kind: 'text', max: LIMITS.region, required: false, label: 'fields.region', nullable: true, autocomplete: a('address-level1') },
    { path: `${p}postalCode`, kind: 'text', max: LIMITS.postalCode, required: false, label: 'fields.postalCode', nullable: true, autocomplete: a('postal-code') },
    { path: `${p}country`, kind: 'country', max: 2, required: true, label: 'fields.country', autocomplete: a('country') },
  ];
}

/** True for the fields of a postal address (shown under their own sub-heading). */
export function isAddressPath(path: string): boolean {
  return /(^|\.)address\./.test(path);
}

/** The attributes every input of a spec carries: the server's length limit and the autofill token. */
export function fieldAttributes(spec: FieldSpec): { maxLength?: number; autoComplete: string } {
  return { maxLength: spec.kind === 'country' || spec.kind === 'language' ? undefined : spec.max, autoComplete: spec.autocomplete };
}

export const CONTACT_FIELDS: FieldSpec[] = [
  { path: 'contact.companyName', kind: 'text', max: LIMITS.companyName, required: true, label: 'fields.companyName', autocomplete: 'organization' },
  { path: 'contact.firstName', kind: 'text', max: LIMITS.personName, required: true, label: 'fields.firstName', autocomplete: 'given-name' },
  { path: 'contact.lastName', kind: 'text', max: LIMITS.personName, required: true, label: 'fields.lastName', autocomplete: 'family-name' },
  { path: 'contact.email', kind: 'email', max: LIMITS.email, required: true, label: 'fields.contactEmail', autocomplete: 'email' },
  { path: 'contact.phone', kind: 'phone', max: LIMITS.phone, required: true, label: 'fields.phone', autocomplete: 'tel' },
  ...addressSpecs('contact'),
];

export const BILLING_FIELDS: FieldSpec[] = [
  { path: 'billing.email', kind: 'email', max: LIMITS.email, required: true, label: 'fields.billingEmail', autocomplete: 'billing email' },
  { path: 'billing.phone', kind: 'phone', max: LIMITS.phone, required: true, label: 'fields.billingPhone', autocomplete: 'billing tel' },
  { path: 'billing.vatId', kind: 'text', max: LIMITS.vatId, required: false, label: 'fields.vatId', nullable: true, autocomplete: 'off' },
  ...addressSpecs('billing'),
];

/** The API path of the list of extra billing-mail recipients; each row is `billing.invoiceRecipients.<index>`. */
export const RECIPIENTS_PATH = 'billing.invoiceRecipients';

export const isRecipientPath = (path: string) => path.startsWith(`${RECIPIENTS_PATH}.`);

/**
 * Who gets the billing mails and in which language (issue 14): the invoice language, then one field
 * per possible recipient row (at most MAX_INVOICE_RECIPIENTS), sent as one list.
 */
export const DELIVERY_FIELDS: FieldSpec[] = [
  { path: 'billing.invoiceLanguage', kind: 'language', max: 2, required: true, label: 'fields.invoiceLanguage', autocomplete: 'off' },
  ...Array.from({ length: MAX_INVOICE_RECIPIENTS }, (_, i): FieldSpec => ({
    path: `${RECIPIENTS_PATH}.${i}`, kind: 'email', max: LIMITS.email, required: false, label: 'fields.invoiceRecipient', autocomplete: 'off',
  })),
];

/** The recipient rows' values, in order, blanks left out: the list the API receives. */
export function recipientList(values: FormValues): string[] {
  return DELIVERY_FIELDS.filter((s) => isRecipientPath(s.path))
    .map((s) => (values[s.path] ?? '').trim())
    .filter(Boolean);
}

/** The values with the recipient rows closed up (a blank row between two addresses removed), as the API will number them. */
export function compactRecipients(values: FormValues): FormValues {
  const list = recipientList(values);
  const next = { ...values };
  DELIVERY_FIELDS.filter((s) => isRecipientPath(s.path)).forEach((s, i) => {
    if (s.path in values || list[i] !== undefined) next[s.path] = list[i] ?? '';
  });
  return next;
}

/**
 * Whether the person may change this field, as the server says in `page.editable`: contact fields;
 * billing address, phone and e-mail (card payers' holders, R5/R6); the VAT id (every holder, R14);
 * invoice language and recipients (every holder, card or invoice payer: not the legal bill-to).
 */
export function isFieldEditable(page: BillingPage, path: string): boolean {
  if (path === 'billing.vatId') return page.editable.vatId;
  if (path === 'billing.invoiceLanguage') return page.editable.invoiceLanguage;
  if (isRecipientPath(path)) return page.editable.invoiceRecipients;
  return path.startsWith('billing.') ? page.editable.billing : page.editable.contact;
}

/** The three contact fields the popup edits in place. */
export const POPUP_FIELDS: FieldSpec[] = CONTACT_FIELDS.filter((f) =>
  ['contact.companyName', 'contact.email', 'contact.phone'].includes(f.path),
);

export function readPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    source,
  );
}

/** Formats a stored E.164 phone for an input ("+33 1 42 68 53 00"); absent until the formatter has loaded. */
export type PhoneDisplay = ((e164: string) => string) | undefined;

/** A stored value as its input shows it: '' for null, a phone in the international format a person reads. */
export function formValue(spec: FieldSpec, value: unknown, phoneDisplay?: PhoneDisplay): string {
  if (value === null || value === undefined) return '';
  return spec.kind === 'phone' && phoneDisplay ? phoneDisplay(String(value)) : String(value);
}

/**
 * Whether two input values say the same thing: a phone is compared without the spaces, hyphens,
 * dots and brackets people (and the formatter) put in, so "+33 1 42 68 53 00" equals the stored "+33142685300".
 */
export function sameValue(spec: FieldSpec, a: string, b: string): boolean {
  if (spec.kind !== 'phone') return a === b;
  const key = (v: string) => v.replace(/[\s().\-]+/g, '');
  return key(a) === key(b);
}

export function toFormValues(page: BillingPage, specs: FieldSpec[], phoneDisplay?: PhoneDisplay): FormValues {
  const values: FormValues = {};
  for (const spec of specs) values[spec.path] = formValue(spec, readPath(page, spec.path), phoneDisplay);
  return values;
}

export function checkValue(spec: FieldSpec, value: string): UiProblem | undefined {
  if (spec.kind === 'language') return value === 'en' || value === 'fr' ? undefined : 'required';
  if (spec.kind === 'country') {
    const problem = checkField('text', value, spec.max, spec.required);
    if (problem) return problem;
    return value.trim() && !COUNTRY_PATTERN.test(value.trim().toUpperCase()) ? 'invalid_country' : undefined;
  }
  return checkField(spec.kind, value, spec.max, spec.required);
}

/** Paths whose value differs from the page the form was based on. */
export function changedPaths(values: FormValues, base: FormValues, specs: FieldSpec[]): string[] {
  return specs.filter((s) => !sameValue(s, values[s.path] ?? '', base[s.path] ?? '')).map((s) => s.path);
}

export function validate(values: FormValues, specs: FieldSpec[], paths: string[]) {
  const problems: Record<string, UiProblem> = {};
  for (const spec of specs) {
    if (!paths.includes(spec.path)) continue;
    const problem = checkValue(spec, values[spec.path] ?? '');
    if (problem) problems[spec.path] = problem;
  }
  // The recipients as a list, by the server's own rule (shared/invoice-recipients.ts): distinct, not the billing e-mail.
  if (paths.some(isRecipientPath)) {
    for (const error of invoiceRecipientErrors(recipientList(values), values['billing.email'] ?? '')) {
      problems[error.path] ??= serverFieldProblem(error.message).problem;
    }
  }
  return problems;
}

/** A PATCH body holding only the given paths, nested the way the API expects. */
export function buildPatch(values: FormValues, specs: FieldSpec[], paths: string[]): BillingPagePatch {
  const patch: Record<string, unknown> = {};
  // The recipients are one list on the API: any changed row sends all of them.
  if (paths.some(isRecipientPath)) patch.billing = { invoiceRecipients: recipientList(values) };
  for (const spec of specs) {
    if (!paths.includes(spec.path) || isRecipientPath(spec.path)) continue;
    const raw = (values[spec.path] ?? '').trim();
    const value = spec.nullable && !raw ? null : spec.kind === 'country' ? raw.toUpperCase() : raw;
    const keys = spec.path.split('.');
    let node = patch;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return patch as BillingPagePatch;
}

/**
 * Moves the form onto a newer page: fields the person left alone take the new saved value,
 * fields they changed keep what they typed (nothing typed is silently thrown away).
 */
export function rebaseValues(values: FormValues, oldBase: FormValues, newBase: FormValues): FormValues {
  const next: FormValues = { ...newBase };
  for (const [path, value] of Object.entries(values)) {
    if (path in oldBase && value !== oldBase[path]) next[path] = value;
  }
  return next;
}
