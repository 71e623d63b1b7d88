// VAT ids checked against the billing country (R14): jsvat's formats and check digits where it knows the country, else length and charset.
import { type Country, checkVAT, countries } from 'jsvat';
import { LIMITS } from './fields';

export type VatIdCheck = { ok: true; value: string | null } | { ok: false; message: string };

/** Where the VAT prefix differs from the ISO 3166-1 code: Greece writes EL, Switzerland CHE (its UID). */
const PREFIX_OF: Record<string, string> = { GR: 'EL', CH: 'CHE' };
/** The countries jsvat checks (EU members, United Kingdom, Switzerland, Norway, …), by ISO 3166-1 alpha-2 code. */
const JSVAT_BY_COUNTRY = new Map<string, Country>(
  countries.filter((c) => c.codes[0] !== 'EU').map((c) => [c.codes[0], c]),
);
const PREFIXES = [...JSVAT_BY_COUNTRY.keys()].map((code) => PREFIX_OF[code] ?? code);

/** Spaces, dots, hyphens and slashes only separate groups of digits; they are not part of the id. */
const SEPARATORS = /[\s./-]/g;
const SIGNIFICANT = /^[A-Z0-9]+$/;
/** Outside jsvat's countries: 4 to 20 letters and digits, as tax numbers worldwide are (EIN, ABN, BN, GSTIN, CNPJ…). */
const OTHER_MIN = 4;
const OTHER_MAX = 20;

/** One valid-format example per common country, for the error message. */
const EXAMPLES: Record<string, string> = {
  FR: 'FR40303265045',
  DE: 'DE136695976',
  GB: 'GB980780684',
  IT: 'IT00743110157',
  ES: 'ESA28015865',
  NL: 'NL004495445B01',
  BE: 'BE0417497106',
  AT: 'ATU13585627',
  SE: 'SE556037867001',
};

/**
 * Checks `input` as the VAT id of a bill-to in `country` (ISO 3166-1 alpha-2). Empty or null clears
 * it (`value: null`). In a jsvat country the id is stored in the standard compact form with its
 * prefix (`fr 40 303 265 045` → `FR40303265045`; the prefix may be left out); elsewhere it is
 * stored trimmed and upper-cased, with single spaces. The message names the country and says why.
 */
export function checkVatId(input: string | null | undefined, country: string): VatIdCheck {
  const trimmed = (input ?? '').trim();
  if (trimmed === '') return { ok: true, value: null };
  // Length first: nothing below runs on a long value.
  if (trimmed.length > LIMITS.vatId) return { ok: false, message: `At most ${LIMITS.vatId} characters` };
  const compact = trimmed.toUpperCase().replace(SEPARATORS, '');
  if (!SIGNIFICANT.test(compact)) {
    return { ok: false, message: 'Only letters and digits, optionally grouped with spaces, dots, hyphens or slashes' };
  }
  const rules = JSVAT_BY_COUNTRY.get(country);
  if (!rules) {
    if (compact.length < OTHER_MIN || compact.length > OTHER_MAX) {
      return { ok: false, message: `A tax id for ${country} has ${OTHER_MIN} to ${OTHER_MAX} letters and digits` };
    }
    return { ok: true, value: trimmed.toUpperCase().replace(/\s+/g, ' ') };
  }
  const prefix = PREFIX_OF[country] ?? country;
  const other = PREFIXES.find((p) => p !== prefix && compact.startsWith(p) && /^[0-9]/.test(compact.slice(p.length)));
  if (other && !compact.startsWith(prefix)) {
    return { ok: false, message: `A ${other} VAT id does not match the billing country ${country}` };
  }
  const candidate = compact.startsWith(prefix) ? compact : `${prefix}${compact}`;
  const result = checkVAT(candidate, [rules]);
  if (result.isValid && result.value) return { ok: true, value: result.value };
  return {
    ok: false,
    message: result.isValidFormat
      ? `Not a valid VAT id for ${country}: the check digits do not match`
      : `Not a valid VAT id for ${country} (expected like ${EXAMPLES[country] ?? `${prefix} followed by its national number`})`,
  };
}
