// Locale files stay in step (R12), placeholders survive translation, and the locale is chosen as promised.
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../extension/locales/en';
import { fr } from '../../extension/locales/fr';
import { interpolate, memberReason, profileName, resolveLocale, setLocale, t } from '../../extension/utils/i18n/i18n';

function flatten(node: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else Object.assign(out, flatten(value, `${prefix}${key}.`));
  }
  return out;
}

/** `{de:name}` (French elision) fills the same `name`. */
const placeholders = (text: string) => [...text.matchAll(/\{(?:de:)?(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const enFlat = flatten(en);
  const frFlat = flatten(fr);

  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(frFlat).sort()).toEqual(Object.keys(enFlat).sort());
  });

  it('keep the same placeholders in every translation', () => {
    for (const key of Object.keys(enFlat)) {
      expect(placeholders(frFlat[key]), key).toEqual(placeholders(enFlat[key]));
    }
  });

  it('have no empty message', () => {
    for (const [key, text] of Object.entries({ ...enFlat, ...frFlat })) expect(text.trim(), key).not.toBe('');
  });
});

describe('t and the locale', () => {
  afterEach(() => setLocale('en'));

  it('follows a French browser unless the person chose otherwise', () => {
    expect(resolveLocale('auto', 'fr-CA')).toBe('fr');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', undefined)).toBe('en');
    expect(resolveLocale('en', 'fr-FR')).toBe('en');
    expect(resolveLocale('fr', 'de-DE')).toBe('fr');
  });

  it('names a profile per R2 in each language', () => {
    expect(profileName({ companyName: 'Acme Corp', role: 'holder' })).toBe('Acme Corp');
    expect(profileName({ companyName: 'Acme Corp', role: 'user' })).toBe('User of Acme Corp');
    setLocale('fr');
    expect(profileName({ companyName: 'Acme Corp', role: 'user' })).toBe('Utilisateur d’Acme Corp');
    expect(t('common.save')).toBe('Enregistrer');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('At most {max} characters.', { max: 120 })).toBe('At most 120 characters.');
    expect(interpolate('Hello {who}', {})).toBe('Hello {who}');
  });

  it('has a message for every API error code', async () => {
    const { ERROR_STATUS } = await import('../../shared/errors');
    for (const code of Object.keys(ERROR_STATUS)) expect(en.errors, code).toHaveProperty(code);
  });
});

describe('a member’s reason (R3, R4; issue 15 §4)', () => {
  afterEach(() => setLocale('en'));
  const member = { companyName: 'Acme Corp', role: 'user' as const };

  it('names the profile and the holder by name once the Billing page said it', () => {
    expect(memberReason('profile.memberReason', member, 'Ada Lovelace')).toBe(
      'You are signed in as “User of Acme Corp”: only Ada Lovelace, the account holder, can change billing details.',
    );
    expect(memberReason('profile.memberReason', member, null)).toBe(
      'You are signed in as “User of Acme Corp”: only the account holder can change billing details.',
    );
  });

  it('reads as French in French', () => {
    setLocale('fr');
    expect(memberReason('profile.memberSubscriptionsReason', member, 'Ada Lovelace')).toBe(
      'Vous êtes connecté en tant que «\u00a0Utilisateur d’Acme Corp\u00a0»\u00a0: seul le titulaire du compte, Ada Lovelace, peut consulter les abonnements.',
    );
  });
});

describe('every member reason names the holder (issue 15 §4)', () => {
  const reasons = (messages: object) =>
    Object.entries((messages as { profile: Record<string, string> }).profile).filter(([key]) => /^member\w*Reason$/.test(key));

  it('has a {holder} and a {profile} in each, in every language', () => {
    for (const messages of [en, fr]) {
      expect(reasons(messages).length).toBeGreaterThanOrEqual(4);
      for (const [key, text] of reasons(messages)) {
        expect(text, key).toContain('{holder}');
        expect(text, key).toContain('{profile}');
      }
    }
  });
});
