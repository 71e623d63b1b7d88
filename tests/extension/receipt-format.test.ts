// Receipt and history helpers: what a receipt page was asked for, periods, tax rates and addresses per locale.
import { afterEach, describe, expect, it } from 'vitest';
import { addressLines } from '../../extension/components/AddressBlock';
import { formatPeriod, formatTaxRate } from '../../extension/utils/i18n/format';
import { setLocale, t } from '../../extension/utils/i18n/i18n';
import { receiptQuery, withoutPrint } from '../../extension/utils/receipt-query';

afterEach(() => setLocale('en'));

describe('receiptQuery', () => {
  it('reads the invoice, "latest" and "print" from the address', () => {
    expect(receiptQuery('?account=a1&invoice=i9&print=1')).toEqual({ invoiceId: 'i9', latest: false, print: true });
    expect(receiptQuery('?account=a1&latest=1')).toEqual({ invoiceId: null, latest: true, print: false });
    expect(receiptQuery('?account=a1&latest=0&print=yes')).toEqual({ invoiceId: null, latest: false, print: false });
  });

  it('drops print=1 so a reload does not print again, and keeps the rest', () => {
    expect(withoutPrint('chrome-extension://x/receipt.html?account=a1&latest=1&print=1')).toBe(
      'chrome-extension://x/receipt.html?account=a1&latest=1',
    );
  });
});

describe('periods, tax and addresses', () => {
  it('shows a billing period as one range without a timezone shift', () => {
    const period = formatPeriod('2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    expect(period).toMatch(/^Oct 1\s*–\s*Nov 1, 2026$/);
    setLocale('fr');
    expect(formatPeriod('2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')).toMatch(/1er oct\.?\s*–\s*1er nov\.? 2026/);
  });

  it('writes basis points as a percentage in each language', () => {
    expect(formatTaxRate(2000)).toBe('20%');
    expect(formatTaxRate(825)).toBe('8.25%');
    setLocale('fr');
    expect(formatTaxRate(825)).toMatch(/^8,25\s%$/);
    expect(t('receipt.tax', { rate: formatTaxRate(2000) })).toMatch(/^TVA \(20\s%\)$/);
  });

  it('prints an address on lines, with the country named in the chosen language', () => {
    const address = { line1: '1 Market St', line2: 'Suite 200', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' };
    expect(addressLines(address)).toEqual(['1 Market St', 'Suite 200', 'San Francisco, CA 94105', 'United States']);
    setLocale('fr');
    // France writes the postal code before the city (libaddressinput).
    expect(addressLines({ ...address, line2: null, region: null, country: 'FR' })).toEqual([
      '1 Market St',
      '94105 San Francisco',
      'France',
    ]);
  });

  it('says "Bank transfer" for an invoice paid by transfer, in both languages', () => {
    expect(t('receipt.transfer')).toBe('Bank transfer');
    setLocale('fr');
    expect(t('receipt.transfer')).toBe('Virement bancaire');
  });
});
