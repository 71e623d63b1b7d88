// `account create|show|list`: a customer account with its contact, billing and payment details.
import { randomUUID } from 'node:crypto';
import { formatAmount } from '../../shared/money';
import { accountCreateSchema } from '../../shared/schemas/admin.schema';
import { findAccount } from '../accounts/account.repository';
import { addressOf, toBillingPage } from '../accounts/account.mapper';
import {
  type AdminCommand, CommandFailedError, InvalidInputError, type ParsedArgs, setPath, stringValue, validate,
} from './admin-command';
import { accountRow, insertAccount } from './admin.repository';
import { tty } from '../terminal/terminal-text';

/** Flag → field of accountCreateSchema; also turns a field's error back into the flag's name. */
const FIELD_OF_FLAG: Record<string, string> = {
  company: 'companyName', currency: 'currency', payment: 'paymentMethod.type',
  'card-brand': 'paymentMethod.brand', 'card-last4': 'paymentMethod.last4',
  'first-name': 'contact.firstName', 'last-name': 'contact.lastName', email: 'contact.email', phone: 'contact.phone',
  line1: 'contact.address.line1', line2: 'contact.address.line2', city: 'contact.address.city',
  region: 'contact.address.region', 'postal-code': 'contact.address.postalCode', country: 'contact.address.country',
  'billing-email': 'billing.email', 'billing-phone': 'billing.phone', 'vat-id': 'billing.vatId',
  'billing-line1': 'billing.address.line1', 'billing-line2': 'billing.address.line2', 'billing-city': 'billing.address.city',
  'billing-region': 'billing.address.region', 'billing-postal-code': 'billing.address.postalCode',
  'billing-country': 'billing.address.country',
  'invoice-language': 'billing.invoiceLanguage',
};
const FLAG_OF_FIELD: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FIELD_OF_FLAG).map(([flag, field]) => [field, `--${flag}`])),
  'paymentMethod.expMonth': '--card-expiry', 'paymentMethod.expYear': '--card-expiry', taxRateBp: '--tax-rate',
  paymentMethod: '--payment',
};
const flagOf = (path: string) =>
  FLAG_OF_FIELD[path] ?? (path.startsWith('billing.invoiceRecipients') ? `--invoice-recipients${path.slice('billing.invoiceRecipients'.length)}` : path);

function accountInput(args: ParsedArgs): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(FIELD_OF_FLAG)) {
    const value = stringValue(args, flag);
    if (value !== undefined) setPath(input, field, value);
  }
  const expiry = stringValue(args, 'card-expiry');
  if (expiry !== undefined) {
    const m = /^\s*(\d{1,2})\/(\d{4})\s*$/.exec(expiry);
    if (!m) throw new InvalidInputError([{ path: '--card-expiry', message: `MM/YYYY, e.g. 04/2028, not "${expiry}"` }]);
    setPath(input, 'paymentMethod.expMonth', Number(m[1]));
    setPath(input, 'paymentMethod.expYear', Number(m[2]));
  }
  // Comma-separated; an empty value means none. A plain mailbox has no comma, so nothing is lost.
  const recipients = stringValue(args, 'invoice-recipients');
  if (recipients !== undefined) setPath(input, 'billing.invoiceRecipients', recipients.split(',').map((r) => r.trim()).filter(Boolean));
  const taxRate = stringValue(args, 'tax-rate');
  if (taxRate !== undefined) {
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(taxRate.trim())) throw new InvalidInputError([{ path: '--tax-rate', message: `A percentage like 20 or 7.5, not "${taxRate}"` }]);
    input.taxRateBp = Math.round(Number(taxRate) * 100);
  }
  return input;
}

const stringOptions = (names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));

const create: AdminCommand = {
  name: 'account create',
  synopsis: '--company NAME --country CC --currency CUR --payment card|invoice --first-name … --email … --phone … --line1 … --city …',
  summary: 'create a customer account (billing details default to the contact details)',
  details: `  --company NAME               Company Name (the profile's name for every member)
  --first-name, --last-name    contact person
  --email, --phone             contact e-mail and phone (phone parsed with --country as region, stored E.164)
  --line1 [--line2] --city [--region] [--postal-code] --country CC   contact address (ISO 3166-1 country)
  --currency CUR               ISO 4217, e.g. EUR
  --tax-rate PERCENT           e.g. 20 (default 0)
  --payment card|invoice       card payers edit billing details themselves; invoice payers via change requests
  --card-brand visa|mastercard|amex|discover|jcb|diners|unionpay  --card-last4 4242  --card-expiry MM/YYYY
                               display data only (card payers); never a card number
  --billing-email, --billing-phone, --vat-id, --billing-line1 … --billing-country
                               billing details; each one missing is copied from the contact details
  --invoice-language en|fr     language of invoice and receipt mails and PDFs (default: the holder's language)
  --invoice-recipients A,B     up to 5 more addresses that get the invoice and receipt mails (not the billing e-mail)`,
  options: stringOptions([...Object.keys(FIELD_OF_FLAG), 'card-expiry', 'tax-rate', 'invoice-recipients']),
  positionals: 0,
  async run(ctx, args) {
    const input = validate(accountCreateSchema, accountInput(args), flagOf);
    const { row, errors } = accountRow(input, randomUUID(), ctx.now);
    if (errors.length) throw new InvalidInputError(errors.map((e) => ({ ...e, path: flagOf(e.path) })));
    await ctx.db.transaction().execute((trx) => insertAccount(trx, ctx, row));
    return { text: tty`Created account ${row.id} (${row.company_name}).`, json: { id: row.id, companyName: row.company_name } };
  },
};

const show: AdminCommand = {
  name: 'account show',
  synopsis: 'ACCOUNT_ID',
  summary: 'an account with its members and subscriptions',
  positionals: 1,
  async run(ctx, args) {
    const id = args.positionals[0];
    const row = await findAccount(ctx.db, id);
    if (!row) throw new CommandFailedError(`No account with id ${id}.`);
    const members = await ctx.db
      .selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email', 'users.name', 'memberships.role']).where('memberships.account_id', '=', id)
      .orderBy('memberships.role').orderBy('users.email').orderBy('users.id').execute();
    const subscriptions = await ctx.db
      .selectFrom('subscriptions').select(['id', 'product', 'seats', 'unit_price', 'billing_interval', 'status', 'current_period_end'])
      .where('account_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const payment = row.payment_type === 'card' ? tty`card ${row.card_brand} •••• ${row.card_last4}, expires ${row.card_exp_month}/${row.card_exp_year}` : 'invoice';
    const contact = addressOf(row, 'contact');
    const billing = addressOf(row, 'billing');
    const { role: _role, editable: _editable, holderName: _holder, ...page } = toBillingPage(row, 'holder', row.next_billing_date ?? null, null);
    const line = (a: typeof contact) => tty`${[a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ')}`;
    const text = [
      tty`${row.company_name}  (${row.id})`,
      `  payment   ${payment}; ${tty`${row.currency}`}, tax ${row.tax_rate_bp / 100} %`,
      `${tty`  contact   ${row.contact_first_name} ${row.contact_last_name}, ${row.contact_email}, ${row.contact_phone}`}; ${line(contact)}`,
      `${tty`  billing   ${row.billing_email}, ${row.billing_phone}`}${row.billing_vat_id ? tty`, VAT ${row.billing_vat_id}` : ''}; ${line(billing)}`,
      `${tty`  invoices  in ${page.billing.invoiceLanguage}, mailed to ${[row.billing_email, ...page.billing.invoiceRecipients].join(', ')}`}`,
      ...members.map((m) => tty`  ${m.role.padEnd(9)} ${m.email} (${m.name})`),
      ...subscriptions.map((s) => tty`  subscription ${s.id}  ${s.product} × ${s.seats} at ${formatAmount(s.unit_price, row.currency, 'en')}/${s.billing_interval}, ${s.status}, next billing ${s.current_period_end.slice(0, 10)}`),
    ].join('\n');
    return { text, json: { ...page, currency: row.currency, taxRateBp: row.tax_rate_bp, members, subscriptions } };
  },
};

const list: AdminCommand = {
  name: 'account list',
  synopsis: '',
  summary: 'every account with its holder',
  positionals: 0,
  async run(ctx) {
    const rows = await ctx.db
      .selectFrom('accounts')
      .leftJoin('memberships', (j) => j.onRef('memberships.account_id', '=', 'accounts.id').on('memberships.role', '=', 'holder'))
      .leftJoin('users', 'users.id', 'memberships.user_id')
      .select(['accounts.id', 'accounts.company_name as companyName', 'accounts.payment_type as paymentType', 'accounts.currency', 'users.email as holder'])
      .orderBy('accounts.company_name').orderBy('accounts.id').execute();
    const text = rows.length
      ? rows.map((r) => tty`${r.id}  ${r.paymentType.padEnd(7)} ${r.currency}  ${r.companyName}  (holder: ${r.holder ?? 'none'})`).join('\n')
      : 'No accounts yet.';
    return { text, json: rows };
  },
};

export const accountCommands = [create, show, list];
