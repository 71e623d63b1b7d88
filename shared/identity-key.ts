// The one identity key for e-mail addresses and other case-insensitive names: Unicode canonical caseless form.

/**
 * Unicode default full case folding (CaseFolding.txt, statuses C and F; not the Turkic T mappings) of
 * each code point. JavaScript has no case folding built in; lower → upper → lower of one code point
 * gives the same classes (proved for every code point in tests/server/identity-key.test.ts): ẞ → ß →
 * SS → ss, ς → Σ → σ, µ → Μ → μ, ﬀ → FF → ff. One code point at a time, so toLowerCase's
 * Final_Sigma context never applies. Dotless ı is the one exception: it has no default folding, while
 * toUpperCase would make it I. Cherokee folds to capitals in the table and to small letters here;
 * only the classes matter for a key.
 */
export function caseFold(text: string): string {
  let folded = '';
  for (const ch of text) folded += ch === '\u0131' ? ch : ch.toLowerCase().toUpperCase().toLowerCase();
  return folded;
}

/**
 * The key under which a person's e-mail address (or an account's company name, for import's duplicate
 * check) is unique and looked up: trimmed, then Unicode canonical caseless form (Unicode §3.13, D145:
 * NFD, full case folding, NFD), stored in NFC. So NFC and NFD spellings, letter case in any script,
 * ß/ẞ/ss and σ/ς each give one key; ı and i stay two. The whole address is folded, local part
 * included: two mailboxes that differ only in case cannot be two people here. Only for comparison;
 * what a person reads is the address as they gave it (users.email). See docs/decisions.md.
 */
export function identityKey(text: string): string {
  return caseFold(text.trim().normalize('NFD')).normalize('NFC');
}

/**
 * The identity of a domain name: each label in its IDNA A-label form by UTS 46 (nontransitional, as the
 * WHATWG URL host parser computes it in Node and in browsers), so the Unicode and punycode spellings of
 * one domain (`bücher.test`, `xn--bcher-kva.test`, `BÜCHER.TEST`) are one name, as DNS and mail delivery
 * see them. Label by label: an ASCII label is only lower-cased (the parser would read `0x10` as a number
 * and refuses a malformed `xn--` label, which stays as written); a label with other letters is first
 * lower-cased one code point at a time, so capital ẞ stays ß (UTS 46 alone maps it to ss) and a final Σ
 * is σ. So `straße.test` and `strasse.test` are two names (IDNA 2008). A label the parser refuses keeps
 * its caseless form (`identityKey`).
 */
export function domainKey(domain: string): string {
  return domain.trim().split('.').map(labelKey).join('.');
}

function labelKey(label: string): string {
  let lower = '';
  for (const ch of label.normalize('NFC')) lower += ch.toLowerCase();
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  try {
    const host = new URL(`http://${lower}/`).hostname;
    // One label in, one A-label out; anything else (a dot or an address the mapping made) is not a label.
    return host.startsWith('xn--') && !host.includes('.') ? host : identityKey(lower);
  } catch {
    return identityKey(lower);
  }
}

/**
 * The key under which an e-mail address is one person or one mailbox (users.email_key, sign-in and its
 * throttle, staff and member lookups, invoice recipients against each other and the billing e-mail):
 * the local part by `identityKey` (case and Unicode form), the domain by `domainKey` (its A-label), so
 * `a@bücher.test` and `A@xn--bcher-kva.test` are one. Text without an @ is keyed like `identityKey`.
 * Stored keys were recomputed by migration 2026_11_30_0013_idn_email_keys. See docs/decisions.md.
 */
export function emailKey(address: string): string {
  const v = address.trim();
  const at = v.lastIndexOf('@');
  return at < 0 ? identityKey(v) : `${identityKey(v.slice(0, at))}@${domainKey(v.slice(at + 1))}`;
}
