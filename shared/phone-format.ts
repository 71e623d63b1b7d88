// Phone numbers as people read them: national format at home, international abroad (libphonenumber-js); extension pages and PDFs.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored phone (E.164, "+33142685300") in the format a reader expects: national ("01 42 68 53 00")
 * when the number belongs to `addressCountry` (ISO 3166-1 alpha-2), international
 * ("+33 1 42 68 53 00") otherwise. A value libphonenumber cannot read is shown as stored.
 * Uses the `min` metadata (Google libphonenumber, via libphonenumber-js).
 */
export function formatPhone(value: string, addressCountry?: string): string {
  const phone = parsePhoneNumberFromString(value);
  if (!phone || !phone.isPossible()) return value;
  return phone.country && phone.country === addressCountry?.toUpperCase()
    ? phone.formatNational()
    : phone.formatInternational();
}
