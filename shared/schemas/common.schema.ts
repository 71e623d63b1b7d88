// Zod building blocks for request and response bodies: text, e-mail, phone, country, address.
import { z } from 'zod';
import { COUNTRY_CODES } from '../countries';
import { EMAIL_PATTERN, LIMITS, PHONE_PATTERN, normalizeEmail } from '../fields';

export const requiredText = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullable()
    .optional()
    .transform((v): string | null => (v ? v : null));

export const emailField = z
  .string()
  .trim()
  .max(LIMITS.email, `At most ${LIMITS.email} characters`)
  .regex(EMAIL_PATTERN, 'Not a valid e-mail address')
  .transform(normalizeEmail)
  .meta({ format: 'email', example: 'ada@acme.test' });

/** Syntax only; the server turns it into E.164 with the account's country as default region. */
export const phoneField = z
  .string()
  .trim()
  .max(LIMITS.phone, `At most ${LIMITS.phone} characters`)
  .regex(PHONE_PATTERN, 'Not a valid phone number')
  .meta({ example: '+14155550100' });

export const countryField = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => COUNTRY_CODES.has(v), 'Not an ISO 3166-1 alpha-2 country code')
  .meta({ example: 'US' });

export const addressSchema = z
  .strictObject({
    line1: requiredText(LIMITS.addressLine),
    line2: optionalText(LIMITS.addressLine),
    city: requiredText(LIMITS.city),
    region: optionalText(LIMITS.region),
    postalCode: optionalText(LIMITS.postalCode),
    country: countryField,
  })
  .meta({ id: 'Address' });

export const addressPatchSchema = addressSchema.partial();

export type Address = z.output<typeof addressSchema>;

export const idParam = z.string().min(1).max(64);

/** A calendar date, `YYYY-MM-DD` (UTC), as the API writes it; documented with `format: date`. */
export const isoDate = () => z.string().meta({ format: 'date', example: '2026-12-01' });

/** An instant, RFC 3339 in UTC, as the API writes it; documented with `format: date-time`. */
export const isoDateTime = () => z.string().meta({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' });
