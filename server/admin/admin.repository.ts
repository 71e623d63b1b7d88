// The writes behind the admin commands and the import: each takes a transaction and audits itself.
import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../shared/errors';
import { emailKey } from '../../shared/identity-key';
import type { AccountCreateInput, PersonCreateInput, SubscriptionCreateInput } from '../../shared/schemas/admin.schema';
import { addressColumns } from '../accounts/account.mapper';
import { toE164 } from '../accounts/phone';
import { writeAudit } from '../audit/audit.repository';
import { checkVatId } from '../../shared/vat-id';
import { invoiceRecipientErrors } from '../../shared/invoice-recipients';
import type { AccountsTable, Db } from '../db/database';
import { unprintableFieldErrors } from '../documents/printable';

export interface Operator {
  actor: string;
  now: Date;
}

const audit = (db: Db, op: Operator, action: string, fields: { accountId?: string; target?: string; before?: unknown; after?: unknown }) =>
  writeAudit(db, { actorUserId: null, actorLabel: op.actor, action: `admin.${action}`, ...fields }, op.now);

/**
 * The account's columns, billing defaulting to contact, phones in E.164, VAT id by billing country; or the
 * fields that are wrong, including printed fields with characters the invoice PDF cannot print.
 */
export function accountRow(input: AccountCreateInput, id: string, now: Date): { row: AccountsTable; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const billingAddress = input.billing?.address ?? input.contact.address;
  const e164 = (path: string, phone: string, country: string) => {
    const normalized = toE164(phone, country);
    if (!normalized) errors.push({ path, message: `Not a valid phone number for ${country}` });
    return normalized ?? phone;
  };
  // R14: the VAT id fits the billing country, as on the Billing page.
  const vatId = (value: string | null | undefined, country: string) => {
    const check = checkVatId(value, country);
    if (!check.ok) errors.push({ path: 'billing.vatId', message: check.message });
    return check.ok ? check.value : null;
  };
  const card = input.paymentMethod.type === 'card' ? input.paymentMethod : undefined;
  const at = now.toISOString();
  const billingEmail = input.billing?.email ?? input.contact.email;
  // The fields an invoice prints (billToOf), named where the operator typed them: billing ones default to the contact's.
  const addressPrefix = input.billing?.address ? 'billing.address' : 'contact.address';
  errors.push(
    ...unprintableFieldErrors({
      companyName: input.companyName,
      'contact.firstName': input.contact.firstName,
      'contact.lastName': input.contact.lastName,
      [input.billing?.email ? 'billing.email' : 'contact.email']: billingEmail,
      'billing.vatId': input.billing?.vatId,
      ...Object.fromEntries(Object.entries(billingAddress).map(([field, value]) => [`${addressPrefix}.${field}`, value])),
    }),
  );
  // Issue 14: as on the Billing page, distinct and never the billing e-mail.
  const recipients = input.billing?.invoiceRecipients ?? [];
  errors.push(...invoiceRecipientErrors(recipients, billingEmail));
  const row = {
    id,
    company_name: input.companyName,
    contact_first_name: input.contact.firstName,
    contact_last_name: input.contact.lastName,
    contact_email: input.contact.email,
    contact_phone: e164('contact.phone', input.contact.phone, input.contact.address.country),
    ...addressColumns('contact', input.contact.address),
    billing_email: billingEmail,
    billing_phone: input.billing?.phone
      ? e164('billing.phone', input.billing.phone, billingAddress.country)
      : e164('contact.phone', input.contact.phone, input.contact.address.country),
    billing_vat_id: vatId(input.billing?.vatId, billingAddress.country),
    ...addressColumns('billing', billingAddress),
    payment_type: input.paymentMethod.type,
    card_brand: card?.brand ?? null,
    card_last4: card?.last4 ?? null,
    card_exp_month: card?.expMonth ?? null,
    card_exp_year: card?.expYear ?? null,
    currency: input.currency,
    tax_rate_bp: input.taxRateBp,
    // null: the holder's language, whoever becomes holder (server/invoices/invoice-language.ts).
    invoice_language: input.billing?.invoiceLanguage ?? null,
    invoice_recipients: JSON.stringify(recipients),
    version: 1,
    created_at: at,
    updated_at: at,
  } as AccountsTable;
  // The same phone twice (billing copied from contact) is reported once.
  return { row, errors: errors.filter((e, i) => errors.findIndex((f) => f.path === e.path) === i) };
}

export async function insertAccount(db: Db, op: Operator, row: AccountsTable): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
  await audit(db, op, 'account.created', {
    accountId: row.id,
    after: { companyName: row.company_name, paymentType: row.payment_type, currency: row.currency, country: row.contact_country },
  });
}

export async function insertPerson(db: Db, op: Operator, input: PersonCreateInput, passwordHash: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id, email: input.email, email_key: emailKey(input.email), name: input.name, locale: input.locale, password_hash: passwordHash,
      is_support: input.staff ? 1 : 0, disabled_at: null, created_at: op.now.toISOString(),
    })
    .execute();
  await audit(db, op, 'person.created', { target: id, after: { email: input.email, name: input.name, locale: input.locale, staff: input.staff } });
  return id;
}

export function findHolder(db: Db, accountId: string) {
  return db.selectFrom('memberships').select('user_id').where('account_id', '=', accountId).where('role', '=', 'holder').executeTakeFirst();
}

export type MembershipOutcome = 'added' | 'role_changed' | 'unchanged' | 'holder_cannot_step_down';

/**
 * Adds a member or changes their role. Making someone holder demotes the current holder to user in the
 * same transaction (R1: exactly one holder); the holder is never demoted without a successor.
 */
export async function putMembership(db: Db, op: Operator, accountId: string, userId: string, role: 'holder' | 'user'): Promise<MembershipOutcome> {
  const existing = await db.selectFrom('memberships').select('role').where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
  if (existing?.role === role) return 'unchanged';
  if (existing?.role === 'holder') return 'holder_cannot_step_down';
  if (role === 'holder') {
    const holder = await findHolder(db, accountId);
    if (holder) {
      await db.updateTable('memberships').set({ role: 'user' }).where('account_id', '=', accountId).where('user_id', '=', holder.user_id).execute();
      await audit(db, op, 'membership.role_changed', { accountId, target: holder.user_id, before: { role: 'holder' }, after: { role: 'user' } });
    }
  }
  if (existing) {
    await db.updateTable('memberships').set({ role }).where('account_id', '=', accountId).where('user_id', '=', userId).execute();
    await audit(db, op, 'membership.role_changed', { accountId, target: userId, before: { role: existing.role }, after: { role } });
    return 'role_changed';
  }
  await db.insertInto('memberships').values({ account_id: accountId, user_id: userId, role, created_at: op.now.toISOString() }).execute();
  await audit(db, op, 'membership.added', { accountId, target: userId, after: { role } });
  return 'added';
}

export async function insertSubscription(db: Db, op: Operator, accountId: string, currency: string, input: SubscriptionCreateInput): Promise<string> {
  const id = randomUUID();
  // An empty period ending on the start date: the billing run issues the first invoice from that day.
  const start = `${input.startDate}T00:00:00.000Z`;
  await db
    .insertInto('subscriptions')
    .values({
      id, account_id: accountId, product: input.product, seats: input.seats, unit_price: input.unitPrice, currency,
      billing_interval: input.interval, status: 'active', current_period_start: start, current_period_end: start,
      cancel_at_period_end: 0, created_at: op.now.toISOString(), canceled_at: null,
    })
    .execute();
  await audit(db, op, 'subscription.created', { accountId, target: id, after: { ...input, currency } });
  return id;
}

/** Audits an admin action that has no dedicated writer above. */
export const auditAdmin = audit;
