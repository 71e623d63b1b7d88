// Addresses come out in each country's postal order (libaddressinput), for every code the API accepts.
import { describe, expect, it } from 'vitest';
import { addressTemplate, formatAddressLines } from '../../shared/address-format';
import { COUNTRY_CODES } from '../../shared/countries';
import { addressLines } from '../../extension/components/AddressBlock';
import { setLocale } from '../../extension/utils/i18n/i18n';

const paris = { line1: '8 rue de Rivoli', line2: null, city: 'Paris', region: null, postalCode: '75004', country: 'FR' };
const sf = { line1: '1 Market St', line2: 'Suite 300', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' };

describe('formatAddressLines', () => {
  it('writes France as "75004 Paris" and the United States as "San Francisco, CA 94105"', () => {
    expect(formatAddressLines(paris)).toEqual(['8 rue de Rivoli', '75004 Paris']);
    expect(formatAddressLines(sf, 'United States')).toEqual(['1 Market St', 'Suite 300', 'San Francisco, CA 94105', 'United States']);
  });

  it('follows other orders: UK post town then postcode, Swiss prefix, Japanese prefecture', () => {
    expect(formatAddressLines({ line1: '10 Downing St', line2: null, city: 'London', region: null, postalCode: 'SW1A 2AA', country: 'GB' }))
      .toEqual(['10 Downing St', 'London', 'SW1A 2AA']);
    expect(formatAddressLines({ line1: 'Bahnhofstrasse 1', line2: null, city: 'Zürich', region: null, postalCode: '8001', country: 'CH' }))
      .toEqual(['Bahnhofstrasse 1', 'CH-8001 Zürich']);
    expect(formatAddressLines({ line1: '1-1 Chiyoda', line2: null, city: 'Chiyoda-ku', region: 'Tokyo', postalCode: '100-0001', country: 'JP' }))
      .toEqual(['1-1 Chiyoda, Tokyo', '100-0001', 'Chiyoda-ku']);
  });

  it('drops the separators of empty fields and keeps values the format has no place for', () => {
    expect(formatAddressLines({ ...sf, line2: null, region: null })).toEqual(['1 Market St', 'San Francisco 94105']);
    expect(formatAddressLines({ ...sf, line2: null, city: '' })).toEqual(['1 Market St', 'CA 94105']);
    expect(formatAddressLines({ ...paris, region: 'Île-de-France' })).toEqual(['8 rue de Rivoli', '75004 Paris', 'Île-de-France']);
  });

  it.each([...COUNTRY_CODES])('%s keeps every value, with no empty line and no dangling separator', (country) => {
    const address = { line1: 'L1', line2: 'L2', city: 'City', region: 'Reg', postalCode: 'PC', country };
    const lines = formatAddressLines(address, 'Name');
    expect(addressTemplate(country)).toContain('%A');
    for (const value of ['L1', 'L2', 'City', 'Reg', 'PC']) expect(lines.join('\n')).toContain(value);
    expect(lines.at(-1)).toBe('Name');
    for (const line of formatAddressLines({ ...address, line2: null, region: null, postalCode: null })) {
      expect(line, `${country}: ${line}`).toMatch(/^[^\s,\-/][\s\S]*[^\s,\-/]$/);
    }
  });
});

describe('AddressBlock lines', () => {
  it('names the country in the chosen language', () => {
    expect(addressLines(sf).at(-1)).toBe('United States');
    setLocale('fr');
    expect(addressLines(sf).at(-1)).toBe('États-Unis');
    expect(addressLines(paris)).toEqual(['8 rue de Rivoli', '75004 Paris', 'France']);
    setLocale('en');
  });
});
