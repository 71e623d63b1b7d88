// Saving the Billing page: rules R3/R5/R6/R14, E.164 phones, VAT ids by billing country, versioned compare-and-set, audit.
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { ApiError, invalid } from '../http/api-error';
import type { Principal } from '../http/env';
import type { BillingPage } from '../../shared/api-types';
import { diffAccount, flattenPatch, toBillingPage } from './account.mapper';
import { type AccountWithNextBilling, findAccount, findBillingPageRow, findHolderName, updateAccountIfVersion } from './account.repository';
import { toE164 } from './phone';
import { checkVatId } from '../../shared/vat-id';
import { invoiceRecipientErrors, parseRecipients } from '../../shared/invoice-recipients';
import { unprintableFieldErrors } from '../documents/printable';

export async function loadBillingPage(db: Kysely<Database>, accountId: string, role: 'holder' | 'user') {
  const row = await findBillingPageRow(db, accountId);
  if (!row) throw new ApiError('not_found');
  return toBillingPage(row, role, row.next_billing_date ?? null, row.holder_name);
}

function normalizePhones(changes: Record<string, unknown>, row: AccountWithNextBilling) {
  for (const section of ['contact', 'billing'] as const) {
    const key = `${section}.phone`;
    if (typeof changes[key] !== 'string') continue;
    const country = (changes[`${section}.address.country`] as string | undefined) ?? row[`${section}_country`];
    const e164 = toE164(changes[key] as string, country);
    if (!e164) throw invalid(key, `Not a valid phone number for ${country}`);
    changes[key] = e164;
  }
}

/** R6 routes these through a change request for invoice payers; the VAT id is edited directly (R14). */
export const VIA_CHANGE_REQUEST = /^billing\.(email|phone|address\.)/;

/**
 * The VAT id as the page will hold it after the PATCH, checked against the billing country after the
 * PATCH (the country may change in the same request; an invoice payer's comes from the stored address).
 * A stored id that no longer fits a new country is refused too: the 400 names `billing.vatId`.
 */
function normalizeVatId(changes: Record<string, unknown>, row: AccountWithNextBilling) {
  const vatChanged = 'billing.vatId' in changes;
  const country = (changes['billing.address.country'] as string | undefined) ?? row.billing_country;
  if (!vatChanged && country === row.billing_country) return;
  const check = checkVatId(vatChanged ? (changes['billing.vatId'] as string | null) : row.billing_vat_id, country);
  if (!check.ok) throw invalid('billing.vatId', check.message);
  if (vatChanged) changes['billing.vatId'] = check.value;
}

/**
 * The invoice recipients as the page will hold them, against the billing e-mail after the PATCH
 * (issue 14): distinct by emailKey and never the billing e-mail. The 400 names the entry
 * (`billing.invoiceRecipients.2`); when only the billing e-mail changed onto a recipient, it names
 * `billing.email`.
 */
function checkInvoiceRecipients(changes: Record<string, unknown>, row: AccountWithNextBilling) {
  const listChanged = 'billing.invoiceRecipients' in changes;
  if (!listChanged && !('billing.email' in changes)) return;
  const recipients = listChanged ? (changes['billing.invoiceRecipients'] as string[]) : parseRecipients(row.invoice_recipients);
  const errors = invoiceRecipientErrors(recipients, (changes['billing.email'] as string | undefined) ?? row.billing_email);
  if (errors.length === 0) return;
  throw new ApiError(
    'invalid_request',
    'The request is not valid.',
    listChanged ? errors : errors.map((e) => ({ path: 'billing.email', message: `Already an invoice recipient (${e.path})` })),
  );
}

/**
 * PATCH of the Billing page by its holder (R3), as a compare-and-set on `expectedVersion` (412 when
 * stale). Card payers change every field (R5); invoice payers change contact fields and the VAT id
 * (R14), while billing address, phone and e-mail answer 409 `change_request_required` (R6). Phones
 * are stored in E.164, VAT ids in their country's standard form; a bad one is a 400 naming the field.
 * Invoice language and recipients are changed directly by every holder (issue 14), audited like the rest.
 */
export async function saveBillingPage(
  db: Kysely<Database>,
  principal: Principal,
  accountId: string,
  /** The caller's precondition on the version it saw (If-Match); false → 412 with the current page. */
  versionMatches: (version: number) => boolean,
  patch: object,
  now: Date,
): Promise<BillingPage> {
  return db.transaction().execute((trx) => applyBillingPatch(trx, principal, accountId, versionMatches, patch, now));
}

/** The Billing page fields an invoice's bill-to snapshot prints (server/billing/billing-run.ts billToOf). */
export const PRINTED_FIELDS: ReadonlySet<string> = new Set([
  'contact.companyName', 'contact.firstName', 'contact.lastName', 'billing.email', 'billing.phone', 'billing.vatId',
  ...['line1', 'line2', 'city', 'region', 'postalCode', 'country'].map((field) => `billing.address.${field}`),
]);

/**
 * A 400 naming every printed field whose new value the billing documents cannot print
 * (server/documents/printable.ts): what the API accepts, the PDF reproduces.
 */
function checkPrintable(changes: Record<string, unknown>) {
  const printed = Object.fromEntries(Object.entries(changes).filter(([path]) => PRINTED_FIELDS.has(path)));
  const errors = unprintableFieldErrors(printed);
  if (errors.length) throw new ApiError('invalid_request', 'The request is not valid.', errors);
}

/**
 * What a PATCH body would change on `row`, validated and normalized as a PATCH is (phones to E.164,
 * VAT id against the billing country after it; printed fields only with characters the invoice PDF
 * can print): the 400s name the field. Does not apply R6; see
 * VIA_CHANGE_REQUEST. Used by the PATCH and by proposals (issue 16), so both refuse the same bodies.
 */
export function planBillingPatch(row: AccountWithNextBilling, requested: Record<string, unknown>) {
  checkPrintable(requested);
  normalizePhones(requested, row);
  normalizeVatId(requested, row);
  checkInvoiceRecipients(requested, row);
  return diffAccount(row, requested);
}

/** The PATCH inside the caller's transaction (see saveBillingPage), so an approval can apply it with its own writes. */
export async function applyBillingPatch(
  trx: Kysely<Database>,
  principal: Principal,
  accountId: string,
  versionMatches: (version: number) => boolean,
  patch: object,
  now: Date,
): Promise<BillingPage> {
  const requested = flattenPatch(patch);
  const row = await findAccount(trx, accountId);
  if (!row) throw new ApiError('not_found');
  const holderName = await findHolderName(trx, accountId);
  // 412 with the page as it is now, and its ETag, so the client can retry against it (RFC 9110 §13.1.1).
  const stale = (current: AccountWithNextBilling) =>
    new ApiError(
      'version_mismatch',
      'This page was changed since you read it; the saved page is in `current`.',
      undefined,
      { current: toBillingPage(current, 'holder', current.next_billing_date ?? null, holderName) },
      { ETag: `"${current.version}"` },
    );
  if (!versionMatches(row.version)) throw stale(row);
  const billingKeys = Object.keys(requested).filter((k) => VIA_CHANGE_REQUEST.test(k));
  if (row.payment_type === 'invoice' && billingKeys.length > 0) {
    throw new ApiError(
      'change_request_required',
      'Billing details of an invoice-paying account change through a change request.',
      billingKeys.map((path) => ({ path, message: 'Changes only through a change request' })),
    );
  }
  const { before, after, changes } = planBillingPatch(row, requested);
  if (Object.keys(changes).length === 0) return toBillingPage(row, 'holder', row.next_billing_date ?? null, holderName);
  const saved = await updateAccountIfVersion(trx, accountId, row.version, changes, now);
  if (!saved) throw stale((await findAccount(trx, accountId)) ?? row);
  await writeAudit(
    trx,
    { actorUserId: principal.user.id, actorLabel: principal.user.email, action: 'billing_page.updated', accountId, before, after },
    now,
  );
  const fresh = await findAccount(trx, accountId);
  return toBillingPage(fresh!, 'holder', fresh!.next_billing_date ?? null, holderName);
}
