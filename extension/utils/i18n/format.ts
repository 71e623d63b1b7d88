// Locale-aware display of dates, money, payment methods and field problems, through Intl and t().
import type { BillingPage } from '../../../shared/api-types';
import { formatAmount } from '../../../shared/money';
import type { FieldProblem } from '../../../shared/fields';
import type { ClientErrorCode } from '../api/api-error';
import { catalogs, getLocale, lookup, t } from './i18n';

/** A calendar date is midnight UTC, so it never shifts by the viewer's timezone. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/**
 * Joins date parts, writing French's ordinal first day of the month ("1er décembre", Lexique des règles
 * typographiques en usage à l'Imprimerie nationale), which Intl leaves as "1".
 */
export function joinDateParts(parts: Intl.DateTimeFormatPart[]): string {
  const french = getLocale() === 'fr';
  return parts.map((p) => (french && p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}

/** A calendar date (`YYYY-MM-DD`) or an ISO time, shown in the chosen locale without a timezone shift. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return joinDateParts(new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'UTC' }).formatToParts(date));
}

/** A billing period as one range in the chosen locale ("Oct 1 – Nov 1, 2026"; "1er oct. – 1er nov. 2026"). */
export function formatPeriod(start: string, end: string): string {
  const from = toDate(start);
  const to = toDate(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${start} – ${end}`;
  const format = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
  return joinDateParts(format.formatRangeToParts(from, to));
}

/** A tax rate in basis points (2000 = 20 %) as the locale writes a percentage. */
export function formatTaxRate(basisPoints: number): string {
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/**
 * Integer minor units in an ISO 4217 currency, with the currency's ISO 4217 exponent as fraction digits
 * (R16; HUF 1524000 → "HUF 15,240.00"), never the browser's CLDR digits. A code outside the ISO table
 * (data older than the validation) shows its raw minor units beside the code rather than a guessed amount.
 */
export function formatMoney(minor: number, currency: string): string {
  return formatAmount(minor, currency, getLocale());
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
};

export function formatPaymentMethod(method: BillingPage['paymentMethod']): string {
  if (method.type === 'invoice') return t('billing.invoice');
  if (!method.last4) return t('billing.cardMasked');
  const brand = method.brand ? (BRANDS[method.brand.toLowerCase()] ?? method.brand) : '';
  const expiry =
    method.expMonth && method.expYear ? `${String(method.expMonth).padStart(2, '0')}/${method.expYear}` : '';
  return t('billing.card', { brand, last4: method.last4, expiry }).trim();
}

export type UiProblem =
  | FieldProblem
  | 'invalid_country'
  | 'invalid_url'
  | 'insecure_url'
  | 'invalid_vat_id'
  | 'duplicate_recipient'
  | 'recipient_is_billing_email'
  | 'billing_email_is_recipient'
  | 'unprintable'
  | 'invalid';

/** `chars`: the characters the server named for `unprintable` ("中, 🚀"). */
export function problemMessage(problem: UiProblem, max?: number, chars?: string): string {
  return t(`problems.${problem}`, { max: max ?? '', chars: chars ?? '' });
}

/**
 * The API writes English field messages; map the known ones onto our localised problems. `path`
 * (the API's `errors[].path`) decides where the message alone cannot: a VAT id refused for its
 * billing country names the country, but is not a country problem (R14).
 */
export function serverFieldProblem(message: string, path = ''): { problem: UiProblem; max?: number; chars?: string } {
  // server/documents/printable.ts: characters the invoice PDF's font cannot draw, listed after the colon.
  const unprintable = /^contains characters that cannot be printed on invoices: (.*)$/i.exec(message);
  if (unprintable) return { problem: 'unprintable', chars: unprintable[1] };
  // The invoice recipients' list rules (shared/invoice-recipients.ts, billing-page.service.ts).
  if (/^listed twice/i.test(message)) return { problem: 'duplicate_recipient' };
  if (/^this is the billing e-mail/i.test(message)) return { problem: 'recipient_is_billing_email' };
  if (/^already an invoice recipient/i.test(message)) return { problem: 'billing_email_is_recipient' };
  const tooLong = /at most (\d+)/i.exec(message);
  if (tooLong) return { problem: 'too_long', max: Number(tooLong[1]) };
  if (path.endsWith('.vatId')) return { problem: 'invalid_vat_id' };
  if (/control characters/i.test(message)) return { problem: 'invalid_text' };
  if (/^required/i.test(message) || /too small|expected string, received (null|undefined)/i.test(message))
    return { problem: 'required' };
  if (/e-?mail/i.test(message)) return { problem: 'invalid_email' };
  if (/phone/i.test(message)) return { problem: 'invalid_phone' };
  if (/country/i.test(message)) return { problem: 'invalid_country' };
  return { problem: 'invalid' };
}

/** The localised sentence for an API error code; a code this build does not know reads as "unknown". */
export function errorMessage(code: ClientErrorCode | string): string {
  const known = lookup(catalogs[getLocale()] ?? {}, `errors.${code}`) ? (code as ClientErrorCode) : 'unknown';
  return t(`errors.${known}`);
}
