// The change-request form as flat values: field specs, values from the Billing page, checks, the request body.
import type { BillingPage, ChangeRequest, ChangeRequestCreate } from '../../../shared/api-types';
import { LIMITS } from '../../../shared/fields';
import { BILLING_FIELDS, checkValue, formValue, readPath, sameValue, type FieldSpec, type FormValues, type PhoneDisplay } from './billing-form';
import { formatDate, type UiProblem } from '../i18n/format';
import { t } from '../i18n/i18n';

/** The new billing address: the Billing page's own address specs, under the API's `requested.` path. */
export const REQUESTED_ADDRESS_FIELDS: FieldSpec[] = BILLING_FIELDS.filter((s) =>
  s.path.startsWith('billing.address.'),
).map((s) => ({ ...s, path: s.path.replace(/^billing\./, 'requested.') }));

export const REQUESTED_CONTACT_FIELDS: FieldSpec[] = [
  { path: 'requested.phone', kind: 'phone', max: LIMITS.phone, required: true, label: 'changeRequest.newPhone', autocomplete: 'billing tel' },
  { path: 'requested.email', kind: 'email', max: LIMITS.email, required: true, label: 'changeRequest.newEmail', autocomplete: 'billing email' },
];

export const CASE_FIELDS: FieldSpec[] = [
  { path: 'contactEmail', kind: 'email', max: LIMITS.email, required: true, label: 'changeRequest.contactEmail', autocomplete: 'email' },
  { path: 'details', kind: 'multiline', max: LIMITS.details, required: true, label: 'changeRequest.details', autocomplete: 'off' },
];

export const CHANGE_REQUEST_FIELDS: FieldSpec[] = [
  ...REQUESTED_ADDRESS_FIELDS,
  ...REQUESTED_CONTACT_FIELDS,
  ...CASE_FIELDS,
];

const REQUESTED_FIELDS = [...REQUESTED_ADDRESS_FIELDS, ...REQUESTED_CONTACT_FIELDS];

/** The form as it starts: the new details prefilled with the current ones, so only what changes is typed. */
export function initialChangeRequestValues(page: BillingPage, contactEmail: string, phoneDisplay?: PhoneDisplay): FormValues {
  const values: FormValues = { contactEmail, details: '' };
  for (const spec of REQUESTED_FIELDS) {
    values[spec.path] = formValue(spec, readPath(page.billing, spec.path.replace(/^requested\./, '')), phoneDisplay);
  }
  return values;
}

export function validateChangeRequest(values: FormValues): Record<string, UiProblem> {
  const problems: Record<string, UiProblem> = {};
  for (const spec of CHANGE_REQUEST_FIELDS) {
    const problem = checkValue(spec, values[spec.path] ?? '');
    if (problem) problems[spec.path] = problem;
  }
  return problems;
}

function valueOf(spec: FieldSpec, values: FormValues): string | null {
  const raw = (values[spec.path] ?? '').trim();
  if (spec.nullable && !raw) return null;
  return spec.kind === 'country' ? raw.toUpperCase() : raw;
}

/** True when the new billing details equal the current ones, so the request would change nothing. */
export function changesNothing(page: BillingPage, values: FormValues): boolean {
  return REQUESTED_FIELDS.every((spec) => {
    const current = readPath(page.billing, spec.path.replace(/^requested\./, ''));
    return sameValue(spec, valueOf(spec, values) ?? '', String(current ?? ''));
  });
}

/** The POST body: the current details exactly as the Billing page shows them, the new ones as typed. */
export function buildChangeRequest(page: BillingPage, values: FormValues): ChangeRequestCreate {
  const address: Record<string, string | null> = {};
  for (const spec of REQUESTED_ADDRESS_FIELDS) address[spec.path.split('.').pop()!] = valueOf(spec, values);
  const { line1, line2, city, region, postalCode, country } = page.billing.address;
  return {
    contactEmail: (values.contactEmail ?? '').trim(),
    current: {
      address: { line1, line2, city, region, postalCode, country },
      phone: page.billing.phone,
      email: page.billing.email,
    },
    requested: {
      address: address as ChangeRequestCreate['requested']['address'],
      phone: valueOf(REQUESTED_CONTACT_FIELDS[0], values) ?? '',
      email: valueOf(REQUESTED_CONTACT_FIELDS[1], values) ?? '',
    },
    details: (values.details ?? '').trim(),
  };
}

/** "Open", "Completed on {date}", "Rejected on {date}: {reason}" or "Withdrawn on {date}", in the chosen language. */
export function changeRequestStatusText(item: ChangeRequest): string {
  if (item.status === 'completed') return t('changeRequest.completedOn', { date: formatDate(item.resolvedAt) });
  if (item.status === 'rejected') {
    return t('changeRequest.rejectedOn', { date: formatDate(item.resolvedAt), reason: item.rejectReason ?? '' });
  }
  if (item.status === 'withdrawn') return t('changeRequest.withdrawnOn', { date: formatDate(item.resolvedAt) });
  return t('changeRequest.open');
}
