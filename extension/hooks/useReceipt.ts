// Loads one receipt: a named invoice's, or the latest paid invoice's (resolved through status=paid&limit=1).
import { useEffect, useState } from 'preact/hooks';
import type { Receipt } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { invoicesApi } from '../utils/api/invoices';
import type { ReceiptQuery } from '../utils/receipt-query';

/** Why there is nothing to show, beyond an API error. */
export type ReceiptGap = 'noInvoice' | 'noPaidInvoice';

export interface ReceiptState {
  receipt: Receipt | null;
  error: ApiError | null;
  gap: ReceiptGap | null;
  loading: boolean;
}

export function useReceipt(accountId: string, query: ReceiptQuery, attempt = 0): ReceiptState {
  const [state, setState] = useState<ReceiptState>({ receipt: null, error: null, gap: null, loading: true });
  const { invoiceId, latest } = query;

  useEffect(() => {
    let live = true;
    setState({ receipt: null, error: null, gap: null, loading: true });
    const done = (next: Omit<ReceiptState, 'loading'>) => live && setState({ ...next, loading: false });
    void (async () => {
      try {
        const id = invoiceId ?? (latest ? (await invoicesApi.latestPaid(accountId))?.id : undefined);
        if (!id) return done({ receipt: null, error: null, gap: latest ? 'noPaidInvoice' : 'noInvoice' });
        done({ receipt: await invoicesApi.receipt(accountId, id), error: null, gap: null });
      } catch (e) {
        done({ receipt: null, error: asApiError(e), gap: null });
      }
    })();
    return () => {
      live = false;
    };
  }, [accountId, invoiceId, latest, attempt]);

  return state;
}
