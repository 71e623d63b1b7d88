// Field rules (lengths, patterns) that both the API's zod schemas and the extension's inline checks use.
export const LIMITS = {
  companyName: 120,
  personName: 80,
  email: 254,
  /** RFC 5321 §4.5.3.1.1: at most 64 octets before the @. */
  emailLocalPart: 64,
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

// Every pattern below is linear-time (tests/server/regex-safety.test.ts runs a ReDoS checker over all of them),
// and every caller checks the length first, so a long value costs time proportional to its length (CWE-1333).

/** RFC 5321 atext, widened by RFC 6531 (SMTPUTF8) to letters, marks and digits of any script: no spaces. */
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]";
/** A host name label (RFC 1035), or an internationalised one (IDNA U-label) of letters, marks and digits. */
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?';

/**
 * A plain mailbox, `local@domain` (RFC 5321, with RFC 6531's UTF-8 letters): the local part a
 * dot-string of atext (no quotes, comments, angle brackets, commas, colons, semicolons or spaces),
 * the domain host names with at least one dot. Nothing a mail library could read as a second
 * address or a display name, so the address stored is the address mailed. Check the length
 * (LIMITS.email) and the characters (SINGLE_LINE_FORBIDDEN) before it.
 */
export const EMAIL_PATTERN = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*@${LABEL}(?:\\.${LABEL})+$`, 'u');

/** ASCII digits only: what a whole number carried as text (query, path, header, setting) may be made of. */
export const DIGITS_PATTERN = /^[0-9]+$/;

/**
 * The whole number `raw` spells in at most as many ASCII digits as `max` has, within min..max; else
 * undefined. Never `Number(raw)` alone, which reads `0x7EA`, `+2026`, ` 2026` and `2.026e3` as 2026.
 * The rule of `queryInteger` (shared/schemas/common.schema.ts), for code that does not load zod.
 */
export function wholeNumberIn(raw: string | null | undefined, min: number, max: number): number | undefined {
  if (typeof raw !== 'string' || raw.length > String(max).length || !DIGITS_PATTERN.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** Characters a person may type in a phone number; the server parses it to E.164. */
export const PHONE_PATTERN = /^\+?[0-9 ().\-]{5,31}$/;

export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * What no single-line field may hold (CWE-150, CWE-117): C0 controls (NUL, BEL, ESC, CR, LF, TAB…), DEL,
 * C1 controls, the line and paragraph separators, lone surrogates (not text: they cannot be stored as
 * UTF-8), and every invisible format character (Unicode category Cf: the bidi embeddings, overrides,
 * isolates and marks, zero-width space, BOM, tag characters, interlinear annotations) and the
 * blank Hangul fillers — text that looks like nothing, or like something else, on a staff terminal.
 * Zero-width (non-)joiners stay: Persian, Indic scripts and emoji sequences need them.
 */
export const SINGLE_LINE_FORBIDDEN = /(?![\u200C\u200D])[\p{Cf}\u0000-\u001F\u007F-\u009F\u2028\u2029\u115F\u1160\u3164\uFFA0\uD800-\uDFFF]/u;

/** The same for multi-line fields (change-request details, reject reasons): only the line feed is allowed. */
export const MULTI_LINE_FORBIDDEN = /(?![\u200C\u200D])[\p{Cf}\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u115F\u1160\u3164\uFFA0\uD800-\uDFFF]/u;

/** The API's message for a forbidden character; the extension maps it onto `invalid_text`. */
export const FORBIDDEN_CHARACTER_MESSAGE = 'Control characters and bidirectional overrides are not allowed';

/**
 * True for a plain mailbox of at most LIMITS.email characters (length checked first) that every mail
 * library sends to exactly as written: EMAIL_PATTERN, at most 64 characters before the @, a domain
 * already in its NFKC form (nodemailer's IDNA step would turn a fullwidth `ｂ` into `b`, mailing
 * another address than the one stored), a top-level label that is not all digits (RFC 3696 §2: no
 * `a@127.0.0.1`), and no RFC 2047 encoded-word (`=?…?=`) that a mail program might show decoded.
 */
export function isMailbox(value: string): boolean {
  if (value.length > LIMITS.email) return false;
  const at = value.indexOf('@');
  if (at <= 0 || at > LIMITS.emailLocalPart || !EMAIL_PATTERN.test(value)) return false;
  const domain = value.slice(at + 1);
  const topLabel = domain.slice(domain.lastIndexOf('.') + 1);
  return domain === domain.normalize('NFKC') && !/^[0-9]+$/.test(topLabel) && !value.includes('=?');
}

export type FieldProblem = 'required' | 'too_long' | 'invalid_email' | 'invalid_phone' | 'invalid_text';

/**
 * The same checks the API applies before its own parsing, for inline validation in the UI: length
 * first, then the characters, then the pattern. `multiline` allows line feeds; `text` allows none.
 */
export function checkField(
  kind: 'text' | 'multiline' | 'email' | 'phone',
  value: string,
  max: number,
  required = true,
): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return required ? 'required' : undefined;
  if (v.length > max) return 'too_long';
  if ((kind === 'multiline' ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(v)) return 'invalid_text';
  if (kind === 'email' && !isMailbox(v)) return 'invalid_email';
  if (kind === 'phone' && !PHONE_PATTERN.test(v)) return 'invalid_phone';
  return undefined;
}

/** Trims an address and lower-cases its domain, as product.md §2 stores it. */
export function normalizeEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  return at < 0 ? v : v.slice(0, at) + '@' + v.slice(at + 1).toLowerCase();
}
