// Loads one receipt: a named invoice's, or the latest paid invoice's (resolved through status=paid&limit=1).
import { useEffect, useState } from 'preact/hooks';
import type { Receipt } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { takeReceipt } from '../utils/api/prefetch';
import type { ReceiptQuery } from '../utils/receipt-query';

import type { ReceiptGap } from '../utils/api/prefetch';
export type { ReceiptGap };

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
        // The page's entry may have started this fetch before the first render (prefetchReceipt).
        const answer = await takeReceipt(accountId, { invoiceId, latest, print: false });
        done('gap' in answer ? { receipt: null, error: null, gap: answer.gap } : { receipt: answer.receipt, error: null, gap: null });
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
