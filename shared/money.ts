// Money for people to read: integer minor units shown with the ISO 4217 exponent of their currency (R16), never CLDR's.
import { isIsoCurrency, minorUnitExponent } from './currencies';

/**
 * `minor` minor units as an exact decimal string in units: (1524000, 2) → "15240.00", (-5, 3) → "-0.005".
 * Built from the digits, so an amount near 2^53 keeps every digit (no division in floating point).
 */
export function minorToDecimal(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer, not ${minor}`);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const units = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return minor < 0 ? `-${units}` : units;
}

/**
 * `minor` minor units of `currency` as a plain decimal string with its ISO 4217 exponent and '.' as the
 * separator, for files other programs read (the year's CSV): (1524000, "HUF") → "15240.00",
 * (500, "JPY") → "500", (1234, "BHD") → "1.234". A code outside the ISO table (a row older than the
 * validation) is written in its raw minor units, as `formatAmount` shows it, rather than guessed.
 */
export function minorUnitsToDecimal(minor: number, currency: string): string {
  return minorToDecimal(minor, isIsoCurrency(currency) ? minorUnitExponent(currency) : 0);
}

/**
 * Integer minor units of an ISO 4217 currency in `locale` ("en", "fr-FR"…): grouping and symbol from Intl,
 * fraction digits fixed to the ISO 4217 exponent (HUF 1524000 → "HUF 15,240.00"; JPY 500 → "¥500").
 * Throws a RangeError for a code that is not in shared/currencies.ts.
 */
export function formatMinorUnits(minor: number, currency: string, locale: string): string {
  const exponent = minorUnitExponent(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3"), with no float rounding.
  return format.format(minorToDecimal(minor, exponent) as unknown as number);
}

/**
 * For display: `formatMinorUnits`, except that a code outside the ISO table (a row older than the
 * validation) shows its raw minor units beside the code ("1200 XAU") instead of throwing or guessing.
 */
export function formatAmount(minor: number, currency: string, locale: string): string {
  return isIsoCurrency(currency) ? formatMinorUnits(minor, currency, locale) : `${minorToDecimal(minor, 0)} ${currency}`;
}
