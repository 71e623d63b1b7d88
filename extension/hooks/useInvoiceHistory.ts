// Billing History for one account: the first page of invoices under the chosen filters, then "Load more" by cursor.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { InvoiceSummary } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { invoicesApi } from '../utils/api/invoices';

export const HISTORY_PAGE_SIZE = 20;

/** The server-side filters of Billing History: issue year (UTC), status, and a search in invoice numbers. */
export interface HistoryFilters {
  year?: number;
  status?: 'paid' | 'open';
  number?: string;
}

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

export function useInvoiceHistory(accountId: string, filters: HistoryFilters = {}): InvoiceHistory {
  const [items, setItems] = useState<InvoiceSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  /** Bumped by every new filter: an answer to an older one is dropped. */
  const generation = useRef(0);
  const { year, status, number } = filters;

  const fetchPage = useCallback(
    async (from: string | null) => {
      // "Load more" waits for the page under way; a new first page (a new filter) never does.
      if (busy.current && from) return;
      const mine = from ? generation.current : ++generation.current;
      busy.current = true;
      setLoading(true);
      try {
        const page = await invoicesApi.page(accountId, { limit: HISTORY_PAGE_SIZE, cursor: from, year, status, number });
        if (mine !== generation.current) return;
        // Keyset pages never overlap, but a double answer must not show a row twice.
        setItems((prev) => {
          const seen = new Set(prev.map((i) => i.id));
          return [...(from ? prev : []), ...page.items.filter((i) => !from || !seen.has(i.id))];
        });
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (mine === generation.current) setError(asApiError(e));
      } finally {
        if (mine === generation.current) {
          busy.current = false;
          setLoading(false);
          setLoaded(true);
        }
      }
    },
    [accountId, year, status, number],
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
