// Guard: case-insensitive comparison happens only through shared/identity-key.ts; every other case mapping in server/ and shared/ is listed with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/**
 * What folds or compares case: SQL lower/upper/ilike/like/collate nocase/citext, and JavaScript's case
 * mappings and locale comparison. SQLite's lower() and LIKE fold only ASCII, PostgreSQL's follow the
 * server's locale, JavaScript folds Unicode: any of them used to compare identities makes the two
 * databases disagree with each other and with the key.
 */
const CASE_MAPPING = /\b(?:lower|upper)\s*\(|\bi?like\b\s*['"`(]|['"]i?like['"]|\bcollate\s+nocase\b|\bcitext\b|\.to(?:Locale)?(?:Lower|Upper)Case\s*\(|\.localeCompare\s*\(/i;

/** Files allowed to map case, and the exact fragments allowed there, each with why it is not an identity. */
const ALLOWED: Record<string, { fragment: string; why: string }[] | 'whole file'> = {
  'shared/identity-key.ts': 'whole file',
  // Frozen: the history of the schema, replaced by the key (2026_11_30_0002).
  'server/db/migrations/2026_11_26_0001_initial_schema.ts': [{ fragment: 'sql`lower(email)`', why: 'the index the key replaced' }],
  'server/db/migrations/2026_11_30_0002_email_keys.ts': 'whole file',
  'server/http/request-header.ts': [{ fragment: 'raw[i].toLowerCase() === name', why: 'HTTP header field names, case-insensitive ASCII tokens (RFC 9110 §5.1); not an identity' }],
  // Frozen copy of emailKey (identity-key.ts) at the IDN re-keying.
  'server/db/migrations/2026_11_30_0013_idn_email_keys.ts': 'whole file',
  'server/documents/printable.ts': [{ fragment: ".toString(16).toUpperCase()", why: 'a code point written as U+XXXX hex digits; not an identity' }],
  'server/auth/password-policy.ts': [{ fragment: "password.normalize('NFC').toLowerCase()", why: 'matches the common-password list; not an identity' }],
  'server/change-requests/change-request.repository.ts': [{ fragment: 'idOrCaseNumber.toUpperCase()', why: 'case numbers we issue, ASCII capitals' }],
  'server/invoices/invoice.repository.ts': [
    { fragment: 'filter.number.toUpperCase()', why: 'invoice numbers we issue, ASCII capitals' },
    { fragment: 'number.trim().toUpperCase()', why: 'invoice numbers we issue, ASCII capitals (support search)' },
  ],
  'server/support/support-cases.repository.ts': [
    { fragment: "eb('change_requests.case_number', 'like', prefix)", why: 'case number prefix: CR- then digits and dashes only, no letter case to fold' },
  ],
  'server/billing/seller.ts': [{ fragment: "v.replace(/\\s+/g, '').toUpperCase()", why: 'IBAN and BIC of the seller file: ASCII capitals (ISO 13616, ISO 9362)' }],
  'shared/phone-format.ts': [{ fragment: 'addressCountry?.toUpperCase()', why: 'ISO 3166 country code of an address' }],
  'server/http/method-not-allowed.ts': [{ fragment: 'r.method.toUpperCase()', why: 'HTTP method names for Allow' }],
  'server/invoices/invoice-delivery.ts': [{ fragment: 'brand[0].toUpperCase()', why: 'display capital of a card brand' }],
  'server/http/client-address.ts': [{ fragment: "address.toLowerCase().split('%')", why: 'IPv6 hex digits, one spelling per address' }],
  'server/http/policy.ts': [{ fragment: "method.toLowerCase() + words.map((w) => w[0].toUpperCase()", why: 'camel-cased operationId from the route path' }],
  'shared/vat-id.ts': [
    { fragment: 'trimmed.toUpperCase().replace(SEPARATORS', why: 'VAT ids are ASCII letters and digits, compared in capitals' },
    { fragment: "trimmed.toUpperCase().replace(/\\s+/g, ' ')", why: 'stored form of a VAT id: ASCII capitals' },
  ],
  'shared/schemas/admin.schema.ts': [
    { fragment: '.transform((v) => v.toUpperCase())', why: 'ISO 4217 currency code, checked against the list after' },
    { fragment: '.transform((v) => v.toLowerCase())', why: 'card brand, checked against a closed ASCII enum after' },
  ],
  'shared/schemas/common.schema.ts': [{ fragment: '.transform((v) => v.toUpperCase())', why: 'ISO 3166 country code, checked by pattern after' }],
  'shared/fields.ts': [{ fragment: 'v.slice(at + 1).toLowerCase()', why: 'display form of the domain (product.md §2); identity uses the key' }],
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(rel);
    return /\.(ts|tsx|sql)$/.test(entry.name) ? [rel] : [];
  });
}

/** Each case-mapping line of server/ and shared/ that the list above does not allow. */
function unexplained(): string[] {
  const found: string[] = [];
  for (const file of [...sources('server'), ...sources('shared')]) {
    const allowed = ALLOWED[file];
    if (allowed === 'whole file') continue;
    fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
      if (!CASE_MAPPING.test(code)) return;
      if (allowed?.some((a) => code.includes(a.fragment))) return;
      found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('case-insensitive comparison', () => {
  it('goes only through identityKey: no other lower(, upper(, ilike, like, nocase or toLowerCase() in server/ and shared/', () => {
    expect(unexplained(), 'use identityKey() from shared/identity-key.ts, or add the use to ALLOWED with why it is not an identity').toEqual([]);
  });

  it('would catch the lookups this change removed', () => {
    for (const old of [
      ".where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())",
      "const existing = await ctx.db.selectFrom('accounts').where(sql`lower(company_name)`, '=', company)",
      'account: `account:${email.trim().toLowerCase()}`,',
      ".where('email', 'ilike', email)",
      "where email = ? collate nocase",
      'a.localeCompare(b, undefined, { sensitivity: "base" })',
    ]) expect(CASE_MAPPING.test(old), old).toBe(true);
  });
});

/** An identityKey(…) whose argument is an e-mail address: case and Unicode form only, the domain's IDN spellings stay two. */
const EMAIL_BY_IDENTITY_KEY = /\bidentityKey\(\s*[^)]*(?:e-?mail|address|recipient|\bto\b)/i;
/** Anything that converts domain names (IDNA) outside identity-key.ts: a second, different notion of a domain's identity. */
const OTHER_IDNA = /\bdomainTo(?:ASCII|Unicode)\b|\bpunycode\b|\btoASCII\s*\(|\btoUnicode\s*\(/;

function emailIdentityLines(): string[] {
  const found: string[] = [];
  for (const file of [...sources('server'), ...sources('shared')]) {
    if (file === 'shared/identity-key.ts' || file.startsWith('server/db/migrations/')) continue;
    fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
      if (EMAIL_BY_IDENTITY_KEY.test(code) || OTHER_IDNA.test(code)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('the identity of an e-mail address', () => {
  it('goes only through emailKey (its domain by IDNA A-label): no identityKey(email…) and no other IDNA conversion in server/ and shared/', () => {
    expect(emailIdentityLines(), 'use emailKey() from shared/identity-key.ts for e-mail addresses').toEqual([]);
  });

  it('would catch the keys this change replaced', () => {
    for (const old of [
      "email_key: identityKey(input.email),",
      "const key = identityKey(address);",
      "const kept = recipients.filter((r) => identityKey(r) !== identityKey(requested.email));",
      "const billingKey = identityKey(billingEmail);",
      "import { domainToASCII } from 'node:url';",
    ]) expect(EMAIL_BY_IDENTITY_KEY.test(old) || OTHER_IDNA.test(old), old).toBe(true);
  });
});
