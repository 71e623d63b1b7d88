// Phone numbers to E.164, with the address's country as the default region for national numbers.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The E.164 form, or undefined when the number is not valid for that region. */
export function toE164(input: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
