// What the operator's admin CLI and its import file accept: accounts, people, memberships, subscriptions.
import { z } from 'zod';
import { isIsoCurrency } from '../currencies';
import { LIMITS } from '../fields';
import { invoiceLanguageSchema, invoiceRecipientsField, roleSchema } from './billing.schema';
import { addressSchema, emailField, optionalText, phoneField, requiredText } from './common.schema';
import { localeSchema } from './session.schema';

/**
 * Input limits of a subscription. With at most 100 % tax, the largest invoice total is
 * MAX_SEATS × MAX_UNIT_PRICE × 2 = 2·10^13 minor units, well within 2^53 − 1, so every amount is an
 * exact JavaScript number and fits PostgreSQL's bigint and SQLite's integer alike (issue 13 §3).
 */
export const SUBSCRIPTION_LIMITS = { maxSeats: 100_000, maxUnitPrice: 100_000_000, maxTaxRateBp: 10_000 } as const;

/** An active ISO 4217 code with a minor unit (shared/currencies.ts), not whatever the runtime's Intl knows. */
export const currencyField = z
  .string()
  .trim()
  .max(3, { message: 'Not an ISO 4217 currency code', abort: true })
  // Three ASCII letters before any case mapping: 'ﬆn' (a ligature) would otherwise upper-case to STN.
  .regex(/^[A-Za-z]{3}$/, { message: 'Not an ISO 4217 currency code', abort: true })
  .transform((v) => v.toUpperCase())
  .refine(isIsoCurrency, 'Not an ISO 4217 currency code')
  .meta({ example: 'EUR' });

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay'] as const;

/** Display data only: no card number is ever stored (product.md §2). */
export const cardPaymentSchema = z.strictObject({
  type: z.literal('card'),
  brand: z
    .string()
    .trim()
    .max(20, { message: `One of ${CARD_BRANDS.join(', ')}`, abort: true })
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(CARD_BRANDS, `One of ${CARD_BRANDS.join(', ')}`)),
  last4: z.string().trim().max(4, { message: 'Exactly the last 4 digits', abort: true }).regex(/^\d{4}$/, 'Exactly the last 4 digits'),
  expMonth: z.number().int().min(1, 'A month, 1 to 12').max(12, 'A month, 1 to 12'),
  expYear: z.number().int().min(2000, 'A four-digit year').max(2100, 'A four-digit year'),
});

export const paymentMethodInputSchema = z.discriminatedUnion('type', [
  cardPaymentSchema,
  z.strictObject({ type: z.literal('invoice') }),
]);

export const accountContactInputSchema = z.strictObject({
  firstName: requiredText(LIMITS.personName),
  lastName: requiredText(LIMITS.personName),
  email: emailField,
  phone: phoneField,
  address: addressSchema,
});

/**
 * Every billing field is optional: a missing one is copied from the contact section; a missing invoice
 * language follows the holder's, missing invoice recipients are none (issue 14).
 */
export const accountBillingInputSchema = z.strictObject({
  email: emailField.optional(),
  phone: phoneField.optional(),
  vatId: optionalText(LIMITS.vatId),
  address: addressSchema.optional(),
  invoiceLanguage: invoiceLanguageSchema.optional(),
  invoiceRecipients: invoiceRecipientsField.optional(),
});

export const accountCreateSchema = z.strictObject({
  companyName: requiredText(LIMITS.companyName),
  currency: currencyField,
  /** Basis points: 2000 = 20 %. */
  taxRateBp: z.number().int().min(0).max(SUBSCRIPTION_LIMITS.maxTaxRateBp).default(0),
  paymentMethod: paymentMethodInputSchema,
  contact: accountContactInputSchema,
  billing: accountBillingInputSchema.optional(),
});
export type AccountCreateInput = z.output<typeof accountCreateSchema>;

export const personCreateSchema = z.strictObject({
  email: emailField,
  name: requiredText(LIMITS.personName),
  locale: localeSchema.default('en'),
  /** Support staff (users.is_support). */
  staff: z.boolean().default(false),
  /** Checked against the password rules; when absent a one-time password is generated and printed. */
  password: z.string().max(1024).optional(),
});
export type PersonCreateInput = z.output<typeof personCreateSchema>;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const dateField = z
  .string()
  .trim()
  .max(10, { message: 'A date like 2026-12-01', abort: true })
  .regex(DATE_PATTERN, { message: 'A date like 2026-12-01', abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Not a real date');

export const subscriptionCreateSchema = z.strictObject({
  product: requiredText(LIMITS.companyName),
  seats: z.number().int('A whole number').min(1, 'At least 1').max(SUBSCRIPTION_LIMITS.maxSeats, `At most ${SUBSCRIPTION_LIMITS.maxSeats}`),
  /** Price of one seat for one interval, in minor units of the account's currency (1200 = 12.00). */
  unitPrice: z.number().int('Minor units: a whole number').min(0, 'Not negative').max(SUBSCRIPTION_LIMITS.maxUnitPrice),
  interval: z.enum(['month', 'year']),
  /** The first billed period starts on this day (UTC); the billing run bills from there. */
  startDate: dateField,
});
export type SubscriptionCreateInput = z.output<typeof subscriptionCreateSchema>;

export const memberInputSchema = z.strictObject({ email: emailField, role: roleSchema });

export const importAccountSchema = accountCreateSchema.extend({
  members: z.array(memberInputSchema).default([]),
  subscriptions: z.array(subscriptionCreateSchema).default([]),
});

/** `npm run admin -- import FILE.json`: everything in one transaction, or nothing. */
export const importFileSchema = z.strictObject({
  people: z.array(personCreateSchema).default([]),
  accounts: z.array(importAccountSchema).default([]),
});
export type ImportFile = z.output<typeof importFileSchema>;
