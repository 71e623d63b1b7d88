// French as it is printed: no-break spaces before high punctuation, €, %; "1er" for the first; "d’" before a vowel.
import { afterEach, describe, expect, it } from 'vitest';
import { fr } from '../../extension/locales/fr';
import { DOCUMENT_CATALOGUES } from '../../server/documents/catalogue';
import { de } from '../../extension/utils/forms/french';
import { formatDate, formatMoney, formatPeriod, formatTaxRate } from '../../extension/utils/i18n/format';
import { interpolate, profileName, setLocale, t, type MessageKey } from '../../extension/utils/i18n/i18n';

afterEach(() => setLocale('en'));

/** Every message of a catalogue with its dotted key. */
function messages(node: object, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : messages(value as object, `${prefix}${key}.`),
  );
}

const NO_BREAK = '[\\u00a0\\u202f]';

/**
 * The places French typography (Lexique de l'Imprimerie nationale) wants a no-break space: before
 * : ; ! ? » % € and after «. A colon inside a word or address ("https://", "about:addons") is not
 * punctuation and is left alone. Returns the offending snippets.
 */
function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  const checks: RegExp[] = [
    // A plain space, or no space, before high punctuation followed by a space or the end.
    new RegExp(`(?:[^\\u00a0\\u202f]|^)[:;!?](?=\\s|$)`, 'g'),
    // Before a closing guillemet, after an opening one.
    new RegExp(`[^\\u00a0\\u202f]»|«[^\\u00a0\\u202f]`, 'g'),
    // Between a number (or a placeholder) and % or €.
    new RegExp(`[0-9}](?:[ ]?)[%€]`, 'g'),
  ];
  for (const check of checks) for (const m of text.matchAll(check)) faults.push(m[0]);
  return faults;
}

describe('the French catalogue', () => {
  it.each(messages(fr))('%s follows French spacing', (_key, message) => {
    expect(typographyFaults(message)).toEqual([]);
  });

  it.each(messages(DOCUMENT_CATALOGUES.fr))('PDF %s follows French spacing', (_key, message) => {
    expect(typographyFaults(message)).toEqual([]);
  });

  it('the checker fails on the faults it is for', () => {
    expect(typographyFaults('Valeur : x')).not.toEqual([]);
    expect(typographyFaults('Valeur: x')).not.toEqual([]);
    expect(typographyFaults('Résilier ?')).not.toEqual([]);
    expect(typographyFaults('« Acme »')).not.toEqual([]);
    expect(typographyFaults('20 %')).not.toEqual([]);
    expect(typographyFaults('12,00 €')).not.toEqual([]);
    expect(typographyFaults('https://billing.example.com et about:addons')).toEqual([]);
    expect(typographyFaults(`Valeur${'\u00a0'}: x, «${'\u202f'}A${'\u202f'}», 20${'\u202f'}%`)).toEqual([]);
  });

  it('never writes "de" before an interpolated name: {de:name} elides it', () => {
    for (const [key, message] of messages(fr)) expect(message, key).not.toMatch(/\bde \{(company|profile|product)\}/);
  });
});

describe('de()', () => {
  it('elides before a vowel sound, not before a consonant', () => {
    expect(de('Acme Corp')).toBe('d’Acme Corp');
    expect(de('Globex SARL')).toBe('de Globex SARL');
    expect(de('Éclair SA')).toBe('d’Éclair SA');
    expect(de('Yves Rocher')).toBe('d’Yves Rocher');
    expect(de('Yahoo')).toBe('de Yahoo');
    expect(de('Hachette')).toBe('de Hachette');
  });

  it('is what the French messages use for company names', () => {
    setLocale('fr');
    expect(t('history.caption', { company: 'Acme Corp' })).toBe('Factures d’Acme Corp, les plus récentes d’abord');
    expect(t('subscriptions.caption', { company: 'Globex SARL' })).toBe('Abonnements de Globex SARL');
    expect(profileName({ companyName: 'Initech', role: 'user' })).toBe('Utilisateur d’Initech');
    setLocale('en');
    expect(t('history.caption', { company: 'Acme Corp' })).not.toContain('{');
    expect(interpolate('{de:x}', {})).toBe('{de:x}');
  });
});

describe('French formatters', () => {
  it('writes the first of the month as "1er", other days as numbers', () => {
    setLocale('fr');
    expect(formatDate('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-02')).toBe('2 décembre 2026');
    expect(formatDate('2026-12-11')).toBe('11 décembre 2026');
    expect(formatPeriod('2026-10-01', '2026-11-01').replace(/\s/g, ' ')).toBe('1er oct. – 1er nov. 2026');
    setLocale('en');
    expect(formatDate('2026-12-01')).toBe('December 1, 2026');
  });

  it('puts a no-break space before € and %', () => {
    setLocale('fr');
    for (const text of [formatMoney(1234500, 'EUR'), formatTaxRate(2000), formatTaxRate(550)]) {
      expect(typographyFaults(text), text).toEqual([]);
      expect(text).toMatch(new RegExp(`${NO_BREAK}[%€]$`));
    }
  });

  it('keeps messages that carry a date or amount in French spacing once filled in', () => {
    setLocale('fr');
    const filled: [MessageKey, Record<string, string>][] = [
      ['changeRequest.rejectedOn', { date: formatDate('2026-12-01'), reason: 'x' }],
      ['receipt.tax', { rate: formatTaxRate(2000) }],
      ['subscriptions.confirmTitle', { product: 'Pro' }],
    ];
    for (const [key, params] of filled) expect(typographyFaults(t(key, params)), key).toEqual([]);
    expect(t('changeRequest.rejectedOn', { date: formatDate('2026-12-01'), reason: 'x' })).toContain('1er décembre');
  });
});
