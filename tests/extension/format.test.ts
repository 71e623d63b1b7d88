// Payment method, dates and money read correctly in both languages; server field messages map to ours.
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPaymentMethod, serverFieldProblem } from '../../extension/utils/i18n/format';
import { setLocale } from '../../extension/utils/i18n/i18n';

afterEach(() => setLocale('en'));

describe('formatPaymentMethod', () => {
  it('shows brand, last four digits and expiry for a card', () => {
    expect(formatPaymentMethod({ type: 'card', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2028 })).toBe(
      'Visa •••• 4242, expires 04/2028',
    );
  });

  it('says "paid by invoice", and stays vague for a masked card', () => {
    expect(formatPaymentMethod({ type: 'invoice' })).toBe('Paid by invoice');
    expect(formatPaymentMethod({ type: 'card' })).toBe('Paid by card');
    setLocale('fr');
    expect(formatPaymentMethod({ type: 'invoice' })).toBe('Payé sur facture');
  });
});

describe('dates and money', () => {
  it('shows a calendar date without shifting it by the timezone', () => {
    expect(formatDate('2026-12-01')).toBe('December 1, 2026');
    setLocale('fr');
    expect(formatDate('2026-12-01')).toBe('1er décembre 2026');
  });

  it('turns minor units into the currency amount', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
  });

  it('uses the ISO 4217 exponent, not the browser\'s CLDR digits (R16, issue 13 §2)', () => {
    // CLDR gives HUF, IDR and COP no decimals and IQD none; ISO 4217 gives them 2, 2, 2 and 3.
    expect(formatMoney(1_524_000, 'HUF')).toBe('HUF\u00a015,240.00');
    expect(formatMoney(123_456, 'IDR')).toBe('IDR\u00a01,234.56');
    expect(formatMoney(123_456, 'COP')).toBe('COP\u00a01,234.56');
    expect(formatMoney(123_456, 'IQD')).toBe('IQD\u00a0123.456');
    setLocale('fr');
    expect(formatMoney(1_524_000, 'HUF')).toMatch(/^15\s240,00\sHUF$/);
  });

  it('keeps every digit of an amount near 2^53 − 1 minor units', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(-5, 'IQD')).toBe('-IQD\u00a00.005');
  });

  it('shows a code outside the ISO table as raw minor units, not as a guessed amount', () => {
    expect(formatMoney(1200, 'XAU')).toBe('1200 XAU');
  });
});

describe('serverFieldProblem', () => {
  it('recognises the API messages', () => {
    expect(serverFieldProblem('At most 120 characters')).toEqual({ problem: 'too_long', max: 120 });
    expect(serverFieldProblem('Required')).toEqual({ problem: 'required' });
    expect(serverFieldProblem('Not a valid e-mail address')).toEqual({ problem: 'invalid_email' });
    expect(serverFieldProblem('Not a valid phone number')).toEqual({ problem: 'invalid_phone' });
    expect(serverFieldProblem('Not an ISO 3166-1 alpha-2 country code')).toEqual({ problem: 'invalid_country' });
    expect(serverFieldProblem('Something unexpected')).toEqual({ problem: 'invalid' });
  });
});

describe('errors', () => {
  it('turns a problem+json body into one ApiError, and survives a body that is not JSON', async () => {
    const { toApiError } = await import('../../extension/utils/api/api-error');
    const problem = { type: 'about:blank', title: 'Bad', status: 400, code: 'invalid_request', errors: [{ path: 'contact.phone', message: 'Not a valid phone number' }] };
    const error = await toApiError(new Response(JSON.stringify(problem), { status: 400 }));
    expect([error.status, error.code, error.errors]).toEqual([400, 'invalid_request', problem.errors]);
    const bare = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect([bare.status, bare.code, bare.errors]).toEqual([502, 'unknown', []]);
  });

  it('localises a known code and falls back for one this build does not know', async () => {
    const { errorMessage } = await import('../../extension/utils/i18n/format');
    expect(errorMessage('not_account_holder')).toBe('Only the account holder can do this.');
    expect(errorMessage('brand_new_code')).toBe('Something went wrong. Try again.');
  });
});
