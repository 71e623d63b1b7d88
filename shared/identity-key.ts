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
