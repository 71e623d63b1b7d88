// One changed Billing page field, "label: before → after", as Account activity and proposals both show it.
import type { Address } from '../../shared/api-types';
import { AddressBlock, addressLines } from './AddressBlock';
import { PhoneText } from './PhoneText';
import { BILLING_FIELDS, CONTACT_FIELDS } from '../utils/forms/billing-form';
import { t, type MessageKey } from '../utils/i18n/i18n';

/**
 * Labels that stand on their own, outside the Billing page's sections ("Company phone", not "Phone"):
 * every field of the Billing page PATCH (shared/schemas/billing.schema.ts), and whole addresses.
 * tests/extension/field-change.test.ts fails on a PATCH field missing here.
 */
const LABELS: Record<string, MessageKey> = {
  'contact.companyName': 'proposals.fields.companyName',
  'contact.firstName': 'proposals.fields.firstName',
  'contact.lastName': 'proposals.fields.lastName',
  'contact.email': 'proposals.fields.contactEmail',
  'contact.phone': 'proposals.fields.contactPhone',
  'contact.address': 'proposals.fields.contactAddress',
  'billing.email': 'proposals.fields.billingEmail',
  'billing.phone': 'proposals.fields.billingPhone',
  'billing.vatId': 'proposals.fields.vatId',
  'billing.address': 'proposals.fields.billingAddress',
  'billing.invoiceLanguage': 'proposals.fields.invoiceLanguage',
  'billing.invoiceRecipients': 'proposals.fields.invoiceRecipients',
};

const LANGUAGE_NAMES: Record<string, MessageKey> = { en: 'options.english', fr: 'options.french' };
const SPECS = [...CONTACT_FIELDS, ...BILLING_FIELDS];

/** The field's label in the page's language; one address line (older activity entries) says which address: "Billing address, City". */
export function changeLabel(field: string): string {
  const label = LABELS[field];
  if (label) return t(label);
  const line = /^(contact|billing)\.address\.\w+$/.exec(field);
  const spec = SPECS.find((s) => s.path === field);
  if (line && spec) return t('activity.addressPart', { address: t(LABELS[`${line[1]}.address`]), part: t(spec.label) });
  return field;
}

export type ChangeValueData = string | number | boolean | string[] | Address | null | undefined;

const isAddress = (v: ChangeValueData): v is Address => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: ChangeValueData) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A value as words, for everything but phones: "(empty)" for nothing, language names, lists, whole addresses. */
export function changeValueText(field: string, value: ChangeValueData): string {
  if (isEmpty(value)) return t('common.empty');
  if (isAddress(value)) return addressLines(value).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  if (field === 'billing.invoiceLanguage' && typeof value === 'string' && LANGUAGE_NAMES[value]) return t(LANGUAGE_NAMES[value]);
  return String(value);
}

interface ChangeValueProps {
  field: string;
  value: ChangeValueData;
  /** The country of the address beside a phone: national format at home. */
  country?: string;
  /** An address on its lines (a review), rather than on one line (a list of changes). */
  block?: boolean;
}

/** One side of a change: phones as people read them, addresses in their country's order. */
export function ChangeValue({ field, value, country, block }: ChangeValueProps) {
  if (isEmpty(value)) return <span class="muted">{t('common.empty')}</span>;
  if (field.endsWith('.phone') && typeof value === 'string') return <PhoneText value={value} country={country} />;
  if (block && isAddress(value)) return <AddressBlock address={value} />;
  return <span>{changeValueText(field, value)}</span>;
}
