// What an extension page was opened for: the account (`?account=`) and the invoice (`?invoice=`), if any.
import { wholeNumberIn } from '../../shared/fields';

export function accountFromQuery(search: string = location.search): string | null {
  return new URLSearchParams(search).get('account') || null;
}

/** The invoice an Invoice or Receipt page was opened for (`?invoice=`), if any. */
export function invoiceFromQuery(search: string = location.search): string | null {
  return new URLSearchParams(search).get('invoice') || null;
}

/** Billing History's filters from its address (`?year=2026&status=open&number=0031`), e.g. from the popup's unpaid line. */
export function historyFiltersFromQuery(search: string = location.search): { year?: number; status?: 'paid' | 'open'; number?: string } {
  const params = new URLSearchParams(search);
  // The API's own rule (digits only): `?year=0x7EA` or `?year=+2026` is no year, not 2026.
  const year = wholeNumberIn(params.get('year'), 2000, 2100);
  const status = params.get('status');
  return {
    year,
    status: status === 'paid' || status === 'open' ? status : undefined,
    number: params.get('number')?.trim().slice(0, 40) || undefined,
  };
}
