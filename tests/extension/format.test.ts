// Payment method, dates and money read correctly in both languages; server field messages map to ours.
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPaymentMethod, serverFieldProblem } from '../../extension/utils/format';
import { setLocale } from '../../extension/utils/i18n';

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
    expect(formatDate('2026-12-01')).toBe('1 décembre 2026');
  });

  it('turns minor units into the currency amount', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
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
    const { toApiError } = await import('../../extension/utils/api-error');
    const problem = { type: 'about:blank', title: 'Bad', status: 400, code: 'invalid_request', errors: [{ path: 'contact.phone', message: 'Not a valid phone number' }] };
    const error = await toApiError(new Response(JSON.stringify(problem), { status: 400 }));
    expect([error.status, error.code, error.errors]).toEqual([400, 'invalid_request', problem.errors]);
    const bare = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect([bare.status, bare.code, bare.errors]).toEqual([502, 'unknown', []]);
  });

  it('localises a known code and falls back for one this build does not know', async () => {
    const { errorMessage } = await import('../../extension/utils/format');
    expect(errorMessage('not_account_holder')).toBe('Only the account holder can do this.');
    expect(errorMessage('brand_new_code')).toBe('Something went wrong. Try again.');
  });
});
