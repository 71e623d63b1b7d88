// Frozen migration: users.email_key recomputed so a domain's Unicode and punycode spellings are one key (IDNA, UTS 46).
import type { Kysely } from 'kysely';

/**
 * A frozen copy of shared/identity-key.ts's emailKey as it was when this migration was written (a
 * migration computes the same keys forever, so it never imports app code); tests/server/identity-key.test.ts
 * checks that the two still agree. Local part: canonical caseless form. Domain: each non-ASCII label
 * lower-cased code point by code point, then its A-label from the WHATWG URL host parser (UTS 46,
 * nontransitional); ASCII labels lower-cased; a label the parser refuses keeps its caseless form.
 */
export function emailKeyAt0013(address: string): string {
  const caseless = (text: string) => {
    let folded = '';
    for (const ch of text.trim().normalize('NFD')) folded += ch === '\u0131' ? ch : ch.toLowerCase().toUpperCase().toLowerCase();
    return folded.normalize('NFC');
  };
  const label = (text: string) => {
    let lower = '';
    for (const ch of text.normalize('NFC')) lower += ch.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(lower)) return lower;
    try {
      const host = new URL(`http://${lower}/`).hostname;
      return host.startsWith('xn--') && !host.includes('.') ? host : caseless(lower);
    } catch {
      return caseless(lower);
    }
  };
  const v = address.trim();
  const at = v.lastIndexOf('@');
  return at < 0 ? caseless(v) : `${caseless(v.slice(0, at))}@${v.slice(at + 1).trim().split('.').map(label).join('.')}`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const users: { id: string; email: string; email_key: string }[] = await db
    .selectFrom('users').select(['id', 'email', 'email_key']).orderBy('created_at').orderBy('id').execute();
  const byKey = new Map<string, typeof users>();
  for (const user of users) {
    const key = emailKeyAt0013(user.email);
    byKey.set(key, [...(byKey.get(key) ?? []), user]);
  }
  // Two people who are one mailbox by the new rule (`a@bücher.test` and `a@xn--bcher-kva.test`): an
  // operator decides which one stays; we never merge people.
  const clashes = [...byKey.values()].filter((group) => group.length > 1);
  if (clashes.length) {
    const lines = clashes.map((group) => `  ${group.map((u) => `${JSON.stringify(u.email)} (${u.id})`).join(' = ')}`);
    throw new Error(
      `Cannot give every person a unique e-mail key: ${clashes.length} group(s) of people share one mailbox once a ` +
        `domain's Unicode and punycode (xn--) spellings are one. Rename or remove all but one in each group, then migrate again:\n${lines.join('\n')}`,
    );
  }
  // Only keys of addresses with a non-ASCII domain (or ß/ς in it) change; no new key equals another row's old one.
  for (const user of users) {
    const key = emailKeyAt0013(user.email);
    if (key !== user.email_key) await db.updateTable('users').set({ email_key: key }).where('id', '=', user.id).execute();
  }
}

/** Back to the 0002 keys (whole address in canonical caseless form); refuses if two people would share one. */
export async function down(db: Kysely<any>): Promise<void> {
  const { emailKeyAtMigration } = await import('./2026_11_30_0002_email_keys');
  const users: { id: string; email: string; email_key: string }[] = await db.selectFrom('users').select(['id', 'email', 'email_key']).orderBy('id').execute();
  const keys = users.map((u) => emailKeyAtMigration(u.email));
  if (new Set(keys).size !== keys.length) throw new Error('Cannot go back: two people would share one e-mail key (an ß and an ss domain).');
  for (const [i, user] of users.entries()) {
    if (keys[i] !== user.email_key) await db.updateTable('users').set({ email_key: keys[i] }).where('id', '=', user.id).execute();
  }
}
