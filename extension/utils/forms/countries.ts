// The country choices of an address form: every ISO 3166-1 code the API accepts, named in the page's language.
import { COUNTRY_CODES } from '../../../shared/countries';

export interface CountryOption {
  /** ISO 3166-1 alpha-2, the value the API expects. */
  code: string;
  /** The name in the given locale (Intl.DisplayNames, CLDR), or the code when the browser has none. */
  name: string;
}

/** The country's name in `locale` (CLDR via Intl.DisplayNames); the code itself when unknown. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * Every code of shared/countries.ts with its name in `locale`, sorted by that name as the locale
 * collates it (Intl.Collator), ties broken by code so the order is stable.
 */
export function countryOptions(locale: string): CountryOption[] {
  const collator = new Intl.Collator(locale);
  return [...COUNTRY_CODES]
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
