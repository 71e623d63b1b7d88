// Loads one invoice for the Invoice page: its detail, with the due date and how to pay while it is open.
import { useEffect, useState } from 'preact/hooks';
import type { InvoiceDetail } from '../utils/api/invoices';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { takeInvoice } from '../utils/api/prefetch';

export interface InvoiceState {
  invoice: InvoiceDetail | null;
  error: ApiError | null;
  loading: boolean;
}

/** `attempt` changes to load again after an error. */
export function useInvoice(accountId: string, invoiceId: string | null, attempt = 0): InvoiceState {
  const [state, setState] = useState<InvoiceState>({ invoice: null, error: null, loading: !!invoiceId });
  useEffect(() => {
    if (!invoiceId) return setState({ invoice: null, error: null, loading: false });
    let live = true;
    setState({ invoice: null, error: null, loading: true });
    // The page's entry may have started this fetch before the first render (prefetchInvoice).
    takeInvoice(accountId, invoiceId)
      .then((invoice) => live && setState({ invoice, error: null, loading: false }))
      .catch((e) => live && setState({ invoice: null, error: asApiError(e), loading: false }));
    return () => {
      live = false;
    };
  }, [accountId, invoiceId, attempt]);
  return state;
}
