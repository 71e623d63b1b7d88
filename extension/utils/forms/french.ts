// French typography helpers: elision of "de" before a company name, ordinal first day ("1er").

/** A vowel sound to elide before; an initial "y" before a vowel is a consonant ("de Yahoo"). */
const ELIDES = /^(?:[aeiouàâäéèêëîïôöùûüœæ]|y(?![aeiouàâäéèêëîïôöùûü]))/i;

/**
 * "de" before a name, elided before a vowel sound as French writes it: `de('Acme Corp')` →
 * "d’Acme Corp", `de('Globex SARL')` → "de Globex SARL". An initial h is left unelided: whether it
 * is mute ("d’Hermès") or aspirated ("de Hachette") depends on the word, which no rule can tell.
 */
export function de(name: string): string {
  const trimmed = name.trim();
  return ELIDES.test(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}
