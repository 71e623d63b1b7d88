// The `bill` omnibox keyword: what each typed text means, and which localised suggestions it offers.
import { afterEach, describe, expect, it } from 'vitest';
import { describeIntent, escapeOmniboxXml, omniboxSuggestions, parseOmnibox } from '../../extension/utils/background/omnibox';
import { setLocale } from '../../extension/utils/i18n/i18n';

const holder = { companyName: 'Acme Corp', role: 'holder' as const };
const member = { companyName: 'Acme Corp', role: 'user' as const };

describe('parseOmnibox', () => {
  it('reads `bill` alone as the menu of fastpaths', () => {
    expect(parseOmnibox('')).toEqual({ kind: 'menu' });
    expect(parseOmnibox('   ')).toEqual({ kind: 'menu' });
  });

  it('names each fastpath by its word, in English or French, in any case', () => {
    expect(parseOmnibox('billing')).toEqual({ kind: 'fastpath', id: 'billing' });
    expect(parseOmnibox('history')).toEqual({ kind: 'fastpath', id: 'history' });
    expect(parseOmnibox('  HISTORY ')).toEqual({ kind: 'fastpath', id: 'history' });
    expect(parseOmnibox('receipt')).toEqual({ kind: 'fastpath', id: 'receipt' });
    expect(parseOmnibox('subs')).toEqual({ kind: 'fastpath', id: 'subscriptions' });
    expect(parseOmnibox('subscriptions')).toEqual({ kind: 'fastpath', id: 'subscriptions' });
    expect(parseOmnibox('historique')).toEqual({ kind: 'fastpath', id: 'history' });
    expect(parseOmnibox('reçu')).toEqual({ kind: 'fastpath', id: 'receipt' });
    expect(parseOmnibox('abonnements')).toEqual({ kind: 'fastpath', id: 'subscriptions' });
  });

  it('accepts the unambiguous beginning of a word', () => {
    expect(parseOmnibox('hist')).toEqual({ kind: 'fastpath', id: 'history' });
    expect(parseOmnibox('rec')).toEqual({ kind: 'fastpath', id: 'receipt' });
    expect(parseOmnibox('s')).toEqual({ kind: 'fastpath', id: 'subscriptions' });
  });

  it('reads `receipt <number>` (and a bare number) as that invoice, upper-cased', () => {
    expect(parseOmnibox('receipt FP-2026-000123')).toEqual({ kind: 'receipt', number: 'FP-2026-000123' });
    expect(parseOmnibox('receipt   fp-2026-000123 ')).toEqual({ kind: 'receipt', number: 'FP-2026-000123' });
    expect(parseOmnibox('reçu FP-2026-000007')).toEqual({ kind: 'receipt', number: 'FP-2026-000007' });
    expect(parseOmnibox('FP-2026-000123')).toEqual({ kind: 'receipt', number: 'FP-2026-000123' });
  });

  it('reads `invoice <number>` (or `facture <number>`) as that invoice\'s own page (issue 14)', () => {
    expect(parseOmnibox('invoice FP-2026-000031')).toEqual({ kind: 'invoice', number: 'FP-2026-000031' });
    expect(parseOmnibox(' Facture  fp-2026-000031 ')).toEqual({ kind: 'invoice', number: 'FP-2026-000031' });
    expect(parseOmnibox('invoice 31')).toEqual({ kind: 'unknown' });
    expect(describeIntent(parseOmnibox('invoice FP-2026-000031'), holder)).toBe('Open invoice FP-2026-000031 — Acme Corp');
    expect(describeIntent(parseOmnibox('invoice FP-2026-000031'), member)).toContain('Only the account holder');
    expect(omniboxSuggestions('invoice FP-2026-000031', holder)).toEqual([]);
  });

  it('does not guess at anything else', () => {
    expect(parseOmnibox('receipt 123')).toEqual({ kind: 'unknown' });
    expect(parseOmnibox('receipt FP-2026-000123 extra')).toEqual({ kind: 'unknown' });
    expect(parseOmnibox('history FP-2026-000123')).toEqual({ kind: 'unknown' });
    expect(parseOmnibox('invoices')).toEqual({ kind: 'unknown' });
    expect(parseOmnibox('x')).toEqual({ kind: 'unknown' });
  });
});

describe('omnibox suggestions', () => {
  afterEach(() => setLocale('en'));

  it('offers the holder all four fastpaths for `bill` alone', () => {
    const list = omniboxSuggestions('', holder);
    expect(list.map((s) => s.content)).toEqual(['billing', 'history', 'receipt', 'subs']);
    expect(list[1].description).toBe('Open Billing History — Acme Corp');
  });

  it('offers a member only Billing, and names the holder-only refusal', () => {
    expect(omniboxSuggestions('', member).map((s) => s.content)).toEqual(['billing']);
    expect(omniboxSuggestions('hist', member).map((s) => s.content)).toEqual(['billing']);
    expect(describeIntent(parseOmnibox('history'), member)).toContain('Only the account holder');
    expect(describeIntent(parseOmnibox('receipt FP-2026-000001'), member)).toContain('Only the account holder');
  });

  it('narrows the list to what the typed word starts', () => {
    expect(omniboxSuggestions('h', holder).map((s) => s.content)).toEqual(['history']);
    expect(omniboxSuggestions('receipt FP-2026-000123', holder)).toEqual([]);
  });

  it('offers nothing and says to sign in when signed out', () => {
    expect(omniboxSuggestions('', undefined)).toEqual([]);
    expect(describeIntent({ kind: 'menu' }, undefined)).toMatch(/sign in/i);
  });

  it('speaks French when French is chosen', () => {
    setLocale('fr');
    expect(omniboxSuggestions('', holder)[0].description).toBe('Ouvrir Facturation — Acme Corp');
    expect(describeIntent(parseOmnibox('receipt FP-2026-000123'), holder)).toBe(
      'Imprimer le reçu de la facture FP-2026-000123 — Acme Corp',
    );
    expect(omniboxSuggestions('', member)[0].description).toBe('Ouvrir Facturation — Utilisateur d’Acme Corp');
  });

  it('escapes what Chrome would read as XML markup', () => {
    expect(escapeOmniboxXml('Tom & <Jerry> "Ltd" l\'a')).toBe('Tom &amp; &lt;Jerry&gt; &quot;Ltd&quot; l&apos;a');
  });
});
