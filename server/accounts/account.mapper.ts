// The one place where account columns (snake_case) and the Billing page's fields (camelCase) meet.
import type { AccountsTable } from '../db/database';
import type { Address, BillingPage, Role } from '../../shared/api-types';

type AccountRow = AccountsTable;
type AddressPrefix = 'contact' | 'billing';

const ADDRESS_FIELDS = {
  line1: 'line1',
  line2: 'line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
} as const;

/** API path → column, for every field a PATCH may change. */
export const COLUMN_OF: Record<string, keyof AccountRow> = {
  'contact.companyName': 'company_name',
  'contact.firstName': 'contact_first_name',
  'contact.lastName': 'contact_last_name',
  'contact.email': 'contact_email',
  'contact.phone': 'contact_phone',
  'billing.email': 'billing_email',
  'billing.phone': 'billing_phone',
  'billing.vatId': 'billing_vat_id',
  ...Object.fromEntries(
    (['contact', 'billing'] as const).flatMap((prefix) =>
      Object.entries(ADDRESS_FIELDS).map(([field, column]) => [
        `${prefix}.address.${field}`,
        `${prefix}_${column}` as keyof AccountRow,
      ]),
    ),
  ),
};

export function addressOf(row: AccountRow, prefix: AddressPrefix): Address {
  const r = row as unknown as Record<string, string | null>;
  const pick = (column: string) => r[`${prefix}_${column}`];
  return {
    line1: pick('line1') ?? '',
    line2: pick('line2'),
    city: pick('city') ?? '',
    region: pick('region'),
    postalCode: pick('postal_code'),
    country: pick('country') ?? '',
  };
}

/** Address → its columns, e.g. `billing_line1`, for inserts and for applying a change request. */
export function addressColumns(prefix: AddressPrefix, address: Address): Partial<AccountRow> {
  return Object.fromEntries(
    Object.entries(ADDRESS_FIELDS).map(([field, column]) => [
      `${prefix}_${column}`,
      address[field as keyof Address] ?? null,
    ]),
  );
}

/** The Billing page of `row` as `role` sees it; `holderName` names the account holder (R1, R3). */
export function toBillingPage(
  row: AccountRow,
  role: Role,
  nextBillingDate: string | null,
  holderName: string | null,
): BillingPage {
  const holder = role === 'holder';
  return {
    accountId: row.id,
    role,
    holderName,
    // R5/R6: billing address, phone and e-mail for card payers only; R14: the VAT id for every holder.
    editable: { contact: holder, billing: holder && row.payment_type === 'card', vatId: holder },
    paymentMethod:
      row.payment_type === 'invoice'
        ? { type: 'invoice' }
        : holder
          ? {
              type: 'card',
              brand: row.card_brand ?? undefined,
              last4: row.card_last4 ?? undefined,
              expMonth: row.card_exp_month ?? undefined,
              expYear: row.card_exp_year ?? undefined,
            }
          : { type: 'card' },
    contact: {
      companyName: row.company_name,
      firstName: row.contact_first_name,
      lastName: row.contact_last_name,
      email: row.contact_email,
      phone: row.contact_phone,
      address: addressOf(row, 'contact'),
    },
    billing: {
      email: row.billing_email,
      phone: row.billing_phone,
      vatId: row.billing_vat_id,
      address: addressOf(row, 'billing'),
    },
    nextBillingDate: nextBillingDate ? nextBillingDate.slice(0, 10) : null,
    version: row.version,
  };
}

/** Flattens a validated PATCH body into `{ 'contact.phone': value, … }`. */
export function flattenPatch(patch: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') Object.assign(out, flattenPatch(value, path));
    else out[path] = value;
  }
  return out;
}

export interface AccountDiff {
  /** API path → value before / after, for the audit log. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Column → new value, for the update. */
  changes: Partial<AccountRow>;
}

/**
 * What `requested` (API paths → values) would change on the row; unchanged fields are left out, except
 * that a changed address carries all its fields in `before`/`after`, so the audit entry holds the
 * whole address on both sides (Account activity shows "Billing address: … → …", issue 16 §1).
 */
export function diffAccount(row: AccountRow, requested: Record<string, unknown>): AccountDiff {
  const diff: AccountDiff = { before: {}, after: {}, changes: {} };
  for (const [path, value] of Object.entries(requested)) {
    const column = COLUMN_OF[path];
    if (row[column] === value) continue;
    diff.before[path] = row[column];
    diff.after[path] = value;
    (diff.changes as Record<string, unknown>)[column] = value;
  }
  for (const prefix of ['contact', 'billing'] as const) {
    if (!Object.keys(ADDRESS_FIELDS).some((f) => `${prefix}.address.${f}` in diff.after)) continue;
    for (const [field, column] of Object.entries(ADDRESS_FIELDS)) {
      const path = `${prefix}.address.${field}`;
      if (path in diff.after) continue;
      const value = (row as unknown as Record<string, unknown>)[`${prefix}_${column}`] ?? null;
      diff.before[path] = value;
      diff.after[path] = value;
    }
  }
  return diff;
}
