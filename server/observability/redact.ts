// What may reach a log line: e-mail addresses keep only their domain; secrets are cut by name.

/** Characters that end a local part when walking back from an `@`. */
const LOCAL_PART_STOPS = new Set([' ', '\t', '\r', '\n', '<', '>', '"', "'", '(', ')', ',', ';', ':', '@', '[', ']', '=', '/']);
const isDomainChar = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch === '-' || ch === '.';

/**
 * `ada@acme.test` → `…@acme.test`, wherever an address appears in `text` (SMTP replies quote
 * recipients, errors quote input): the local part goes, the domain stays (issue 19: "beyond the
 * domain"). One pass, no regular expression: linear in the length of `text`.
 */
export function maskEmails(text: string): string {
  let at = text.indexOf('@');
  if (at === -1) return text;
  let out = '';
  let copied = 0;
  while (at !== -1) {
    let start = at;
    while (start > copied && !LOCAL_PART_STOPS.has(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && isDomainChar(text[end])) end++;
    if (start < at && text.slice(at + 1, end).includes('.')) {
      out += `${text.slice(copied, start)}…`;
      copied = at;
    }
    at = text.indexOf('@', at + 1);
  }
  return out + text.slice(copied);
}

/** The domain of an address, for log fields: `ada@acme.test` → `acme.test`. */
export const emailDomain = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** Field names whose values never reach a log line, at any depth (as spelled in bodies and in Node's and Fetch's headers). */
export const SECRET_FIELDS = new Set([
  'password', 'newPassword', 'currentPassword', 'token', 'Token',
  'authorization', 'Authorization', 'cookie', 'Cookie', 'set-cookie', 'Set-Cookie',
]);

/**
 * Masks e-mails in every string of a log object, a few levels deep (errors included), and replaces
 * the value of every secret field by `[redacted]`. Done here rather than with pino's `redact` paths:
 * those make each per-request child logger cost ~70 µs more (bench/request-log.ts).
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskEmails(value.message), stack: maskEmails(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : maskDeep(v, depth + 1)]),
  );
}
