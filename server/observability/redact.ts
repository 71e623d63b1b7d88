// What may reach a log line: e-mail addresses keep only their domain; secrets are cut by name.

/** A local part and an `@`: the local part is replaced, the domain stays (issue 19: "beyond the domain"). */
const EMAIL_LOCAL_PART = /[^\s<>"'(),;:@]{1,64}@(?=[A-Za-z0-9-]{1,63}\.)/g;

/** `ada@acme.test` → `…@acme.test`, wherever it appears in `text` (SMTP replies quote recipients). */
export const maskEmails = (text: string): string => text.replace(EMAIL_LOCAL_PART, '…@');

/** The domain of an address, for log fields: `ada@acme.test` → `acme.test`. */
export const emailDomain = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** Field names whose values never reach a log line, at any depth (pino redact paths). */
export const SECRET_FIELDS = ['password', 'newPassword', 'currentPassword', 'token', 'authorization', 'cookie'];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Masks e-mails in every string of a log object, a few levels deep (errors included). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskEmails(value.message), stack: maskEmails(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}
