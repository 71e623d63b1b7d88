// Billing History for one account: the first page of invoices, then "Load more" by cursor.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { InvoiceSummary } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { invoicesApi } from '../utils/api/invoices';

export const HISTORY_PAGE_SIZE = 20;

export interface InvoiceHistory {
  items: InvoiceSummary[];
  /** True once the first page has answered (even with an error). */
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  retry: () => Promise<void>;
}

export function useInvoiceHistory(accountId: string): InvoiceHistory {
  const [items, setItems] = useState<InvoiceSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);

  const fetchPage = useCallback(
    async (from: string | null) => {
      if (busy.current) return;
      busy.current = true;
      setLoading(true);
      try {
        const page = await invoicesApi.page(accountId, { limit: HISTORY_PAGE_SIZE, cursor: from });
        // Keyset pages never overlap, but a double answer must not show a row twice.
        setItems((prev) => {
          const seen = new Set(prev.map((i) => i.id));
          return [...(from ? prev : []), ...page.items.filter((i) => !from || !seen.has(i.id))];
        });
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(asApiError(e));
      } finally {
        busy.current = false;
        setLoading(false);
        setLoaded(true);
      }
    },
    [accountId],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setLoaded(false);
    void fetchPage(null);
  }, [fetchPage]);

  return {
    items,
    loaded,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => fetchPage(cursor),
    retry: () => fetchPage(items.length ? cursor : null),
  };
}
