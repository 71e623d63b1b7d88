// Zod building blocks for request and response bodies: text, e-mail, phone, country, address.
import { z } from 'zod';
import { COUNTRY_CODES } from '../countries';
import {
  DIGITS_PATTERN,
  isMailbox,
  FORBIDDEN_CHARACTER_MESSAGE,
  LIMITS,
  MULTI_LINE_FORBIDDEN,
  PHONE_PATTERN,
  SINGLE_LINE_FORBIDDEN,
  normalizeEmail,
} from '../fields';

// Every string a request carries is built from `boundedText` below: trimmed, its length checked first
// (`abort`: nothing else runs on an over-long value, so a 60 KB value is refused in time linear in its
// length, CWE-1333), then its characters (CWE-150), then any pattern. tests/server/text-fields.test.ts
// walks every route's schemas and proves each string field refuses control characters.

const tooLong = (max: number) => ({ message: `At most ${max} characters`, abort: true });

/** A trimmed string of at most `max` characters with no control character, bidi override or lone surrogate. */
export const boundedText = (max: number, lines: 'single' | 'multi' = 'single') => {
  const forbidden = lines === 'multi' ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  return z
    .string()
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !forbidden.test(v), { message: FORBIDDEN_CHARACTER_MESSAGE, abort: true });
};

/** A single-line text field: required (names, address lines, company name). */
export const requiredText = (max: number) => boundedText(max).min(1, 'Required');

/** A single-line text field that may be empty or null (stored as null). */
export const optionalText = (max: number) =>
  boundedText(max)
    .nullable()
    .optional()
    .transform((v): string | null => (v ? v : null));

/** A multi-line text field (change-request details, reject reasons): line feeds allowed, no other control. */
export const requiredMultiLineText = (max: number) =>
  boundedText(max, 'multi').min(1, 'Required');

/** A plain mailbox `local@domain` only (see isMailbox in shared/fields.ts); stored with its domain lower-cased. */
export const emailField = z
  .string()
  .trim()
  .max(LIMITS.email, tooLong(LIMITS.email))
  // A refinement, not .regex(): the pattern needs the `u` flag (RFC 6531 letters), which a JSON Schema
  // `pattern` in the OpenAPI document cannot carry; `format: idn-email` documents the same rule.
  .refine(isMailbox, { message: 'Not a valid e-mail address', abort: true })
  .transform(normalizeEmail)
  .meta({ format: 'idn-email', example: 'ada@acme.test' });

/** Syntax only; the server turns it into E.164 with the account's country as default region. */
export const phoneField = z
  .string()
  .trim()
  .max(LIMITS.phone, tooLong(LIMITS.phone))
  .regex(PHONE_PATTERN, 'Not a valid phone number')
  .meta({ example: '+14155550100' });

export const countryField = z
  .string()
  .trim()
  .max(2, { message: 'Not an ISO 3166-1 alpha-2 country code', abort: true })
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

/** The schemas `queryInteger` built: the text-fields guard accepts a number in a query, path or header only from here. */
const QUERY_INTEGERS = new WeakSet<z.ZodType>();
export const isQueryInteger = (schema: z.ZodType): boolean => QUERY_INTEGERS.has(schema);

/**
 * A whole number carried as text (query, path or header parameter, environment variable): the raw value
 * must be 1 to N ASCII digits (N = the digits of `max`; DIGITS_PATTERN, as `wholeNumberIn` in shared/fields.ts) before it is converted, so `0x7EA`, `+2026`,
 * ` 2026`, `2026 `, `2.026e3`, `2026.0`, `-1` and non-ASCII digits are refused ("Must be a whole number")
 * instead of being read as numbers the way `Number()` (and so zod's coercion) reads them. An absent value
 * is "Required" unless the caller adds `.optional()` or `.default(n)`. The length is checked before the
 * pattern (CWE-1333); documented in the OpenAPI document as `type: integer` with `minimum`/`maximum`.
 */
export const queryInteger = ({ min, max, description, example }: { min: number; max: number; description?: string; example?: number }) => {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) throw new Error('queryInteger: 0 <= min <= max, safe integers');
  const digits = String(max).length;
  const notWhole = 'Must be a whole number';
  const schema = z
    .string({ error: (issue) => (issue.input === undefined ? 'Required' : notWhole) })
    .max(digits, { message: notWhole, abort: true })
    .regex(DIGITS_PATTERN, notWhole)
    .transform(Number)
    .pipe(z.number().min(min, `At least ${min}`).max(max, `At most ${max}`))
    .meta({ type: 'integer', minimum: min, maximum: max, ...(description ? { description } : {}), ...(example !== undefined ? { example } : {}) });
  QUERY_INTEGERS.add(schema);
  return schema;
};

/** `queryInteger` that is optional and stands for `fallback` when absent; the default is documented too. */
export const queryIntegerOr = (fallback: number, bounds: { min: number; max: number }) =>
  queryInteger(bounds).default(fallback).meta({ default: fallback });

/** A path parameter (an id, a case number): single-line text, 1 to 64 characters. */
export const idParam = z.string().min(1).max(64, { abort: true }).refine((v) => !SINGLE_LINE_FORBIDDEN.test(v), FORBIDDEN_CHARACTER_MESSAGE);

/** A calendar date, `YYYY-MM-DD` (UTC), as the API writes it; documented with `format: date`. */
export const isoDate = () => z.string().meta({ format: 'date', example: '2026-12-01' });

/** An instant, RFC 3339 in UTC, as the API writes it; documented with `format: date-time`. */
export const isoDateTime = () => z.string().meta({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' });
