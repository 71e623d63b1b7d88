// The identity key: Unicode full case folding for every code point, canonical equivalence, and the migration's frozen copy.
import fc from 'fast-check';
import { lookupFolding } from 'unicode-case-folding';
import { describe, expect, it } from 'vitest';
import { caseFold, domainKey, emailKey, identityKey } from '../../shared/identity-key';
import { emailKeyAtMigration } from '../../server/db/migrations/2026_11_30_0002_email_keys';
import { emailKeyAt0013 } from '../../server/db/migrations/2026_11_30_0013_idn_email_keys';
import { DIFFERENT, SAME } from '../helpers/identity-spellings';

describe('caseFold', () => {
  it('puts every code point in the class Unicode full case folding (CaseFolding.txt C+F) puts it in', () => {
    // Our fold maps Cherokee to small letters where the table maps to capitals: compare the classes, so
    // the two folds must be one-to-one on their results, and agree with each other on every output.
    const ourOfTheirs = new Map<string, string>();
    const theirsOfOurs = new Map<string, string>();
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const theirs = String.fromCodePoint(...(lookupFolding(cp) ?? [cp]));
      const ours = caseFold(ch);
      if ((ourOfTheirs.get(theirs) ?? ours) !== ours || (theirsOfOurs.get(ours) ?? theirs) !== theirs) wrong.push(cp.toString(16));
      ourOfTheirs.set(theirs, ours);
      theirsOfOurs.set(ours, theirs);
      if (caseFold(theirs) !== ours) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('folds ß and ẞ to ss, ς to σ, and leaves dotless ı alone', () => {
    expect([caseFold('ß'), caseFold('ẞ'), caseFold('ς'), caseFold('ı'), caseFold('İ')]).toEqual(['ss', 'ss', 'σ', 'ı', 'i\u0307']);
  });
});

describe('emailKey', () => {
  it.each(SAME.map((group) => [group[0], group]))('gives every spelling of %s one key', (_first, group) => {
    expect(new Set(group.map(emailKey)).size).toBe(1);
  });

  it.each(DIFFERENT.map((group) => [group[0], group]))('keeps %s and its look-alikes apart', (_first, group) => {
    expect(new Set(group.map(emailKey)).size).toBe(group.length);
  });

  it('keys a domain by its A-label, as the platform\'s URL host parser (UTS 46) computes it', () => {
    expect(emailKey('a@bücher.test')).toBe('a@xn--bcher-kva.test');
    expect(emailKey(' A@XN--BCHER-KVA.TEST ')).toBe('a@xn--bcher-kva.test');
    expect(domainKey('münchen.bücher.de')).toBe('xn--mnchen-3ya.xn--bcher-kva.de');
    // Not read as an IPv4 address, and a malformed A-label stays as written (lower-cased).
    expect(domainKey('1.0x10')).toBe('1.0x10');
    expect(domainKey('XN--ZZ.test')).toBe('xn--zz.test');
    // Text without an @ (a company name) is keyed like identityKey.
    expect(emailKey('Straße GmbH')).toBe(identityKey('Straße GmbH'));
  });

  const label = fc.stringMatching(/^[a-zà-ÿα-ωß0-9]{1,12}$/);
  const address = fc.tuple(fc.stringMatching(/^[A-Za-zÀ-ÿ0-9]{1,10}$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('test', 'de', 'ελ'))
    .map(([local, labels, top]) => `${local}@${[...labels, top].join('.')}`);

  it('gives the Unicode and the punycode spelling of any domain one key, and is its own key', () => {
    fc.assert(
      fc.property(address, (a) => {
        const key = emailKey(a);
        const at = a.lastIndexOf('@');
        const ascii = new URL(`http://${a.slice(at + 1)}/`).hostname;
        expect(emailKey(`${a.slice(0, at)}@${ascii}`)).toBe(key);
        expect(emailKey(`${a.slice(0, at)}@${ascii.toUpperCase()}`)).toBe(key);
        expect(emailKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('is computed the same by the migration that re-keyed users.email_key for IDN domains (its frozen copy)', () => {
    fc.assert(fc.property(address, (a) => { expect(emailKeyAt0013(a)).toBe(emailKey(a)); }), { numRuns: 2000 });
    for (const group of [...SAME, ...DIFFERENT]) for (const s of group) expect(emailKeyAt0013(s)).toBe(emailKey(s));
  });
});

describe('identityKey', () => {

  const text = fc.string({ unit: 'grapheme', maxLength: 30 });
  // ı is left alone: its capital is I, which default (non-Turkic) folding makes i — see the test below.
  const scramble = (s: string, seed: number[]) =>
    [...s].map((ch, i) => (ch === 'ı' ? ch : seed[i % seed.length] % 3 === 0 ? ch.toUpperCase() : seed[i % seed.length] % 3 === 1 ? ch.toLowerCase() : ch)).join('');

  it('keeps dotless ı apart from I, the one character whose own capital is another key (found by the property below)', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      for (const other of [ch.toUpperCase(), ch.toLowerCase()]) {
        if (identityKey(other) !== identityKey(ch)) expect(`${ch}→${other}`).toBe('ı→I');
      }
    }
  });

  it('is the same for every letter case and normalisation form of any text, and is its own key', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (s, seed) => {
        const key = identityKey(s);
        for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) {
          const variant = scramble(s, seed).normalize(form);
          // NFKC/NFKD change the text itself (ａ → a): only the canonical forms must agree.
          if (form === 'NFC' || form === 'NFD') expect(identityKey(variant)).toBe(key);
        }
        expect(identityKey(key)).toBe(key);
        expect(key).toBe(key.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });

  it('is computed the same by the migration that backfilled users.email_key (its frozen copy)', () => {
    fc.assert(fc.property(text, (s) => { expect(emailKeyAtMigration(s)).toBe(identityKey(s)); }), { numRuns: 3000 });
    for (const group of [...SAME, ...DIFFERENT]) for (const s of group) expect(emailKeyAtMigration(s)).toBe(identityKey(s));
  });
});
