// Dates, periods, money, tax rates, addresses and phones as the printed receipt shows them, for a document's language.
import { formatAddressLines } from '../../shared/address-format';
import { formatAmount } from '../../shared/money';
import { formatPhone } from '../../shared/phone-format';
import type { Address } from '../../shared/schemas/common.schema';
import type { DocumentLanguage } from './catalogue';

/** A calendar date is midnight UTC, so it never shifts by the server's timezone. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/** French writes the first of the month as an ordinal, "1er", which Intl leaves as "1". */
function joinDateParts(parts: Intl.DateTimeFormatPart[], language: DocumentLanguage): string {
  return parts.map((p) => (language === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();
/** Intl objects cost far more to build than to use: one per (kind, language) for the process. */
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = make()));
  return found;
}

/** `YYYY-MM-DD` or an ISO instant as a long UTC date: "November 1, 2026", "1er novembre 2026". */
export function documentDate(value: string, language: DocumentLanguage): string {
  const format = cached(`date:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }));
  return joinDateParts(format.formatToParts(toDate(value)), language);
}

/** A billing period as one range: "Oct 1 – Nov 1, 2026", "1er oct. – 1er nov. 2026". */
export function documentPeriod(start: string, end: string, language: DocumentLanguage): string {
  const format = cached(`period:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }));
  return joinDateParts(format.formatRangeToParts(toDate(start), toDate(end)), language);
}

/** Integer minor units with the ISO 4217 exponent of `currency` (shared/money.ts, R16). */
export function documentMoney(minor: number, currency: string, language: DocumentLanguage): string {
  return formatAmount(minor, currency, language);
}

/** Basis points (2000 = 20 %) as the language writes a percentage. */
export function documentTaxRate(basisPoints: number, language: DocumentLanguage): string {
  const format = cached(`percent:${language}`, () => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }));
  return format.format(basisPoints / 10_000);
}

/** The country's name in `language` (CLDR through Intl.DisplayNames), the code when unknown. */
function countryName(code: string, language: DocumentLanguage): string {
  try {
    const names = cached(`region:${language}`, () => new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** An address in its country's order with the country named in `language` (shared/address-format.ts). */
export function documentAddressLines(address: Address, language: DocumentLanguage): string[] {
  return formatAddressLines(address, countryName(address.country, language));
}

/** A phone as the receipt page shows it: national when it belongs to the address's country, international otherwise. */
export function documentPhone(e164: string, addressCountry: string): string {
  return formatPhone(e164, addressCountry);
}
