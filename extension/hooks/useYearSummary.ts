// The yearly totals of Billing History: per currency, what was invoiced, paid and is still open in one issue year (UTC).
import { useEffect, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { invoicesApi, type YearSummary } from '../utils/api/invoices';

export interface YearSummaryState {
  summary: YearSummary | null;
  error: ApiError | null;
}

export function useYearSummary(accountId: string, year: number): YearSummaryState {
  const [state, setState] = useState<YearSummaryState>({ summary: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ summary: null, error: null });
    invoicesApi
      .summary(accountId, year)
      .then((summary) => live && setState({ summary, error: null }))
      .catch((e) => live && setState({ summary: null, error: asApiError(e) }));
    return () => {
      live = false;
    };
  }, [accountId, year]);
  return state;
}
