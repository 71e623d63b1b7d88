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
const VIA_CHANGE_REQUEST = /^billing\.(email|phone|address\.)/;

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
 * PATCH of the Billing page by its holder (R3), as a compare-and-set on `expectedVersion` (412 when
 * stale). Card payers change every field (R5); invoice payers change contact fields and the VAT id
 * (R14), while billing address, phone and e-mail answer 409 `change_request_required` (R6). Phones
 * are stored in E.164, VAT ids in their country's standard form; a bad one is a 400 naming the field.
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
  const requested = flattenPatch(patch);
  return db.transaction().execute(async (trx) => {
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
    normalizePhones(requested, row);
    normalizeVatId(requested, row);
    const { before, after, changes } = diffAccount(row, requested);
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
  });
}
