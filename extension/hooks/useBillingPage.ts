// One account's Billing page: painted from the cache at once, refreshed from the API, saved with If-Match.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { BillingPage, BillingPagePatch } from '../../shared/api-types';
import { billingApi } from '../utils/api/client';
import { takeBillingPage } from '../utils/api/prefetch';
import { ApiError, asApiError } from '../utils/api/api-error';
import { readSnapshot } from '../utils/snapshot';
import { answerIsCurrent, billingCacheItem, cacheBillingPage, sessionItem } from '../utils/storage';
import { answerIsCurrentHere } from '../utils/api/answer-session';

export interface BillingPageState {
  page: BillingPage | null;
  loading: boolean;
  /** The last failed refresh (a failed save is returned by `save` instead). */
  error: ApiError | null;
  reload: () => Promise<void>;
  /** Resolves to the new page; rejects with ApiError. On 412 the fresh page is adopted first. */
  save: (patch: BillingPagePatch) => Promise<BillingPage>;
}

export function isBillingPage(value: unknown): value is BillingPage {
  return !!value && typeof value === 'object' && 'version' in value && 'contact' in value;
}

export function useBillingPage(accountId: string | null | undefined): BillingPageState {
  // The first render paints the cached page from the synchronous snapshot (snapshot.ts).
  const [page, setPage] = useState<BillingPage | null>(() => (accountId && readSnapshot()?.billingCache[accountId]) || null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // The account shown now: a page fetched for the previous one (a late answer) is cached, not shown.
  const shown = useRef(accountId);
  shown.current = accountId;

  const adopt = useCallback(async (next: BillingPage) => {
    // Fetched for a session that has ended (sign-out, another person signed in): neither shown nor kept.
    // Checked without a storage read when this page's view of the session agrees; storage.local decides
    // when it does not (change events may still be on their way), and again before storing.
    if (!answerIsCurrentHere(next) && !(await answerIsCurrent(next))) return;
    setPage((p) => (next.accountId === shown.current ? next : p));
    await cacheBillingPage(next);
  }, []);

  const reload = useCallback(async () => {
    if (!accountId) return;
    setLoading(true);
    try {
      await adopt(await takeBillingPage(accountId));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  }, [accountId, adopt]);

  useEffect(() => {
    setPage((p) => (accountId && p?.accountId === accountId ? p : null));
    setError(null);
    if (!accountId) return;
    let live = true;
    void billingCacheItem.getValue().then((cache) => {
      if (live && cache[accountId]) setPage((p) => p ?? cache[accountId]);
    });
    void reload();
    return () => {
      live = false;
    };
  }, [accountId, reload]);

  useEffect(
    // Another person signed in (or the session ended) while the page is open: what it shows was the
    // previous session's view (a holder's, perhaps), so it goes, and the new session's is fetched.
    () =>
      sessionItem.watch((now, before) => {
        if (now?.token === before?.token) return;
        setPage(null);
        if (now) void reload();
      }),
    [reload],
  );

  const save = useCallback(
    async (patch: BillingPagePatch) => {
      if (!accountId || !page) throw new ApiError(0, 'unknown');
      try {
        const next = await billingApi.update(accountId, page.version, patch);
        await adopt(next);
        return next;
      } catch (e) {
        const error = asApiError(e);
        if (error.code === 'version_mismatch' && isBillingPage(error.current)) await adopt(error.current);
        throw error;
      }
    },
    [accountId, page, adopt],
  );

  return { page, loading, error, reload, save };
}
