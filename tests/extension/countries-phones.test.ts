// Country choices named and sorted in the page's language; phones shown national at home, international abroad.
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../shared/countries';
import { countryName, countryOptions } from '../../extension/utils/forms/countries';
import { formatPhone } from '../../extension/utils/forms/phone';
import { checkValue, CONTACT_FIELDS } from '../../extension/utils/forms/billing-form';

describe('countryOptions', () => {
  it.each(['en', 'fr'])('offers every code the API accepts, once, by name in %s', (locale) => {
    const options = countryOptions(locale);
    expect(options.map((o) => o.code).sort()).toEqual([...COUNTRY_CODES].sort());
    const collator = new Intl.Collator(locale);
    for (let i = 1; i < options.length; i++) {
      const order = collator.compare(options[i - 1].name, options[i].name) || options[i - 1].code.localeCompare(options[i].code);
      expect(order, `${options[i - 1].name} before ${options[i].name}`).toBeLessThan(0);
    }
    // Every code has a real name, not the code echoed back.
    for (const o of options) expect(o.name, o.code).not.toBe(o.code);
  });

  it('names the United States in the person\'s language; the value stays the code', () => {
    expect(countryName('US', 'en')).toBe('United States');
    expect(countryName('US', 'fr')).toBe('États-Unis');
    const fr = countryOptions('fr');
    // French collation puts É with E (a code-unit sort would put it after Z): États-Unis sits among the E's.
    const index = fr.findIndex((o) => o.code === 'US');
    expect(fr[index].name).toBe('États-Unis');
    expect([fr[index - 1].name[0], fr[index + 1].name[0]].every((c) => 'EÉ'.includes(c))).toBe(true);
  });

  it('no longer answers "usa" with a length problem: the select only offers codes', () => {
    const country = CONTACT_FIELDS.find((s) => s.path === 'contact.address.country')!;
    for (const o of countryOptions('en')) expect(checkValue(country, o.code)).toBeUndefined();
  });
});

describe('formatPhone', () => {
  it('shows a number of the address country in national format', () => {
    expect(formatPhone('+33142685300', 'FR')).toBe('01 42 68 53 00');
    expect(formatPhone('+14155550132', 'US')).toBe('(415) 555-0132');
  });

  it('shows a number from another country in international format', () => {
    expect(formatPhone('+33142685300', 'US')).toBe('+33 1 42 68 53 00');
    expect(formatPhone('+14155550132', undefined)).toBe('+1 415 555 0132');
  });

  it('leaves what it cannot read as stored', () => {
    expect(formatPhone('12', 'FR')).toBe('12');
    expect(formatPhone('', 'FR')).toBe('');
  });
});
