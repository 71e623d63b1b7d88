// Guard for R16: every currency of the ISO 4217 table shows 10^exponent minor units as exactly one unit, in both formatters.
import { afterEach, describe, expect, it } from 'vitest';
import { MINOR_UNIT_EXPONENTS } from '../../shared/currencies';
import { formatMinorUnits } from '../../shared/money';
import { formatMoney } from '../../extension/utils/i18n/format';
import { setLocale } from '../../extension/utils/i18n/i18n';

afterEach(() => setLocale('en'));

/** The digits a formatted amount shows, with the decimal separator as "." and grouping dropped. */
function amountShown(text: string, decimalSeparator: string): string {
  const number = /\d[\d\s.,\u00a0\u202f']*/.exec(text)?.[0].trim() ?? '';
  return number.replace(/[\s\u00a0\u202f',.]/g, (c) => (c === decimalSeparator ? '.' : ''));
}

const currencies = [...MINOR_UNIT_EXPONENTS];

describe('every ISO 4217 currency of the table', () => {
  it('has a table of well over a hundred codes, with exponents 0 to 4', () => {
    expect(currencies.length).toBeGreaterThan(150);
    expect(new Set(currencies.map(([, e]) => e))).toEqual(new Set([0, 2, 3, 4]));
  });

  for (const [locale, separator] of [['en', '.'], ['fr', ',']] as const) {
    it.each(currencies)(`%s: 10^exponent minor units read as one unit (extension, ${locale})`, (code, exponent) => {
      setLocale(locale);
      const one = exponent === 0 ? '1' : `1.${'0'.repeat(exponent)}`;
      expect(amountShown(formatMoney(10 ** exponent, code), separator)).toBe(one);
      expect(amountShown(formatMoney(10 ** exponent + 1, code), separator)).toBe(exponent === 0 ? '2' : `1.${'0'.repeat(exponent - 1)}1`);
    });

    it.each(currencies)(`%s: 10^exponent minor units read as one unit (server formatter, ${locale})`, (code, exponent) => {
      const one = exponent === 0 ? '1' : `1.${'0'.repeat(exponent)}`;
      expect(amountShown(formatMinorUnits(10 ** exponent, code, locale), separator)).toBe(one);
    });
  }
});
