// The `bill` omnibox keyword: a pure parser of what was typed, and the localised suggestions for it.
import type { Profile } from '../../../shared/api-types';
import { FASTPATHS, mayOpen, type FastpathId } from '../fastpaths';
import { profileName, t } from '../i18n/i18n';

export type OmniboxIntent =
  | { kind: 'menu' }
  | { kind: 'fastpath'; id: FastpathId }
  | { kind: 'receipt'; number: string }
  | { kind: 'invoice'; number: string }
  | { kind: 'unknown' };

export interface OmniboxSuggestion {
  content: string;
  description: string;
}

/** The words each fastpath answers to; the first is what a suggestion puts in the address bar. */
const WORDS: Record<FastpathId, string[]> = {
  billing: ['billing', 'facturation'],
  history: ['history', 'historique'],
  receipt: ['receipt', 'reçu', 'recu'],
  subscriptions: ['subs', 'subscriptions', 'abonnements'],
};

/** The word that asks for an invoice itself rather than its receipt: `bill invoice FP-…` (issue 14). */
const INVOICE_WORDS = ['invoice', 'facture'];

/** An invoice number as the API writes it, e.g. FP-2026-000123. */
const INVOICE_NUMBER = /^[a-z]{1,10}-\d{4}-\d{1,10}$/i;

/** The fastpaths a typed word (or its beginning) names: one, or none when it names none or several. */
function fastpathsFor(word: string): FastpathId[] {
  const ids = Object.keys(WORDS) as FastpathId[];
  const exact = ids.filter((id) => WORDS[id].includes(word));
  return exact.length ? exact : ids.filter((id) => WORDS[id].some((w) => w.startsWith(word)));
}

/** What `bill <text>` asks for. Case and extra spaces do not matter; a bare invoice number means its receipt. */
export function parseOmnibox(text: string): OmniboxIntent {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'menu' };
  if (words.length === 1 && INVOICE_NUMBER.test(words[0])) return { kind: 'receipt', number: words[0].toUpperCase() };
  if (words.length === 2 && INVOICE_WORDS.includes(words[0]) && INVOICE_NUMBER.test(words[1])) {
    return { kind: 'invoice', number: words[1].toUpperCase() };
  }
  const ids = fastpathsFor(words[0]);
  if (ids.length !== 1) return { kind: 'unknown' };
  if (words.length === 1) return { kind: 'fastpath', id: ids[0] };
  if (ids[0] === 'receipt' && words.length === 2 && INVOICE_NUMBER.test(words[1])) {
    return { kind: 'receipt', number: words[1].toUpperCase() };
  }
  return { kind: 'unknown' };
}

type OmniboxProfile = Pick<Profile, 'companyName' | 'role'> | undefined;

/** The one line that says what pressing Enter will do (the omnibox's default suggestion). */
export function describeIntent(intent: OmniboxIntent, profile: OmniboxProfile): string {
  if (!profile) return t('omnibox.signedOut');
  const name = profileName(profile);
  if (intent.kind === 'receipt' || intent.kind === 'invoice') {
    const key = intent.kind === 'receipt' ? 'omnibox.receiptNumber' : 'omnibox.invoiceNumber';
    return profile.role === 'holder' ? t(key, { number: intent.number, profile: name }) : t('omnibox.holderOnly', { profile: name });
  }
  if (intent.kind === 'fastpath') {
    const fastpath = FASTPATHS.find((f) => f.id === intent.id)!;
    return mayOpen(fastpath, profile.role) ? t(`omnibox.${intent.id}`, { profile: name }) : t('omnibox.holderOnly', { profile: name });
  }
  return t(intent.kind === 'menu' ? 'omnibox.menu' : 'omnibox.unknown');
}

/** The fastpaths to list under what was typed: only those the profile may open, matching a started word. */
export function omniboxSuggestions(text: string, profile: OmniboxProfile): OmniboxSuggestion[] {
  if (!profile) return [];
  const intent = parseOmnibox(text);
  if (intent.kind === 'receipt' || intent.kind === 'invoice') return [];
  const word = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  const allowed = FASTPATHS.filter((f) => mayOpen(f, profile.role));
  const started = word ? allowed.filter((f) => WORDS[f.id].some((w) => w.startsWith(word))) : allowed;
  const name = profileName(profile);
  return (started.length ? started : allowed).map((f) => ({
    content: WORDS[f.id][0],
    description: t(`omnibox.${f.id}`, { profile: name }),
  }));
}

/** Chrome reads suggestion descriptions as XML (for <match>/<dim>); Firefox shows them as plain text. */
export function escapeOmniboxXml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}
