// Field rules (lengths, patterns) that both the API's zod schemas and the extension's inline checks use.
export const LIMITS = {
  companyName: 120,
  personName: 80,
  email: 254,
  phone: 32,
  addressLine: 120,
  city: 80,
  region: 80,
  postalCode: 20,
  vatId: 32,
  details: 4000,
  reason: 1000,
  /** Passwords: length only (NIST SP 800-63B); the server also refuses common ones. */
  passwordMin: 12,
  passwordMax: 1024,
} as const;

/** Pragmatic e-mail syntax: one @, no spaces, a dot in the domain. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Characters a person may type in a phone number; the server parses it to E.164. */
export const PHONE_PATTERN = /^\+?[0-9 ().\-]{5,31}$/;

export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

export type FieldProblem = 'required' | 'too_long' | 'invalid_email' | 'invalid_phone';

/** The same checks the API applies before its own parsing, for inline validation in the UI. */
export function checkField(
  kind: 'text' | 'email' | 'phone',
  value: string,
  max: number,
  required = true,
): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return required ? 'required' : undefined;
  if (v.length > max) return 'too_long';
  if (kind === 'email' && !EMAIL_PATTERN.test(v)) return 'invalid_email';
  if (kind === 'phone' && !PHONE_PATTERN.test(v)) return 'invalid_phone';
  return undefined;
}

/** Trims an address and lower-cases its domain, as product.md §2 stores it. */
export function normalizeEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  return at < 0 ? v : v.slice(0, at) + '@' + v.slice(at + 1).toLowerCase();
}
