// Translation lookup: the current locale, `t(key, params)` and the R2 profile name; no browser APIs.
import { en, type Messages } from '../../locales/en';
import type { Locale, Profile } from '../../../shared/api-types';
import { de } from '../forms/french';

export type LanguageChoice = 'auto' | Locale;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageParams = Record<string, string | number>;

/**
 * English, the default, is in every page's script, so the first render waits for no fetch; French is
 * loaded when first chosen (issue 18).
 */
export const catalogs: Partial<Record<Locale, Messages>> = { en };

const loaders: Record<Locale, () => Promise<Messages>> = {
  en: async () => en,
  fr: () => import('../../locales/fr').then((m) => m.fr),
};

let current: Locale = 'en';

export function registerCatalog(locale: Locale, messages: Messages): void {
  catalogs[locale] = messages;
}

/** Loads the locale's messages if need be, then makes it current. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (!catalogs[locale]) registerCatalog(locale, await loaders[locale]());
  setLocale(locale);
}

/** The person's choice wins; otherwise French for a French browser, English for the rest. */
export function resolveLocale(choice: LanguageChoice, browserLanguage: string | undefined): Locale {
  if (choice === 'en' || choice === 'fr') return choice;
  return browserLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/**
 * Replaces `{name}` placeholders; an unknown placeholder is left as written so it shows in review.
 * `{de:name}` writes French "de" before the value, elided before a vowel ("d’Acme Corp").
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(de:)?(\w+)\}/g, (whole, elide: string | undefined, name: string) =>
    name in params ? (elide ? de(String(params[name])) : String(params[name])) : whole,
  );
}

export function lookup(messages: object, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function t(key: MessageKey, params?: MessageParams): string {
  const messages = catalogs[current] ?? catalogs.en;
  const template = (messages && lookup(messages, key)) ?? key;
  return interpolate(template, params);
}

/** R2: the holder sees the company name, a member sees "User of {company}". */
export function profileName(profile: Pick<Profile, 'companyName' | 'role'>): string {
  return t(profile.role === 'holder' ? 'profile.holder' : 'profile.user', {
    company: profile.companyName,
  });
}

/**
 * A member's one-line reason (R3, R4): names the active profile and the account holder — by name
 * once the Billing page has said it (`holderName`), else as "the account holder".
 */
export function memberReason(
  key: MessageKey,
  profile: Pick<Profile, 'companyName' | 'role'> | undefined,
  holderName: string | null | undefined,
): string {
  const holder = holderName ? t('profile.namedHolder', { name: holderName }) : t('profile.anyHolder');
  return t(key, { profile: profile ? profileName(profile) : '', holder });
}
