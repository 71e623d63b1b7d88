// Account activity for one account: the first page, then "Show more" by cursor.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActivityEntry } from '../../shared/api-types';
import { activityApi } from '../utils/api/activity';
import { asApiError, type ApiError } from '../utils/api/api-error';

export const ACTIVITY_PAGE_SIZE = 20;

export function useActivity(accountId: string) {
  const [items, setItems] = useState<ActivityEntry[]>([]);
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
        const page = await activityApi.page(accountId, { limit: ACTIVITY_PAGE_SIZE, cursor: from });
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
    showMore: () => fetchPage(cursor),
    retry: () => fetchPage(items.length ? cursor : null),
  };
}
