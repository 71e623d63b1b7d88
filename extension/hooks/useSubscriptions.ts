// One account's subscriptions, with cancel at period end and resume (R11); the list follows each answer.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Subscription } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { requestBadgeRefresh } from '../utils/background/badge-message';
import { subscriptionsApi } from '../utils/api/subscriptions';

export type SubscriptionAction = 'cancel' | 'resume';

export interface SubscriptionsState {
  items: Subscription[];
  loaded: boolean;
  error: ApiError | null;
  reload: () => Promise<void>;
  /** Resolves to the updated subscription; rejects with ApiError (and then reloads the list). */
  act: (subscriptionId: string, action: SubscriptionAction) => Promise<Subscription>;
}

export function useSubscriptions(accountId: string): SubscriptionsState {
  const [items, setItems] = useState<Subscription[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      setItems(await subscriptionsApi.list(accountId));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoaded(true);
    }
  }, [accountId]);

  useEffect(() => {
    setLoaded(false);
    setItems([]);
    void reload();
  }, [reload]);

  const act = useCallback(
    async (subscriptionId: string, action: SubscriptionAction) => {
      try {
        const updated = await subscriptionsApi[action](accountId, subscriptionId);
        setItems((prev) => prev.map((s) => (s.id === updated.id ? updated : s)));
        // The badge counts subscriptions set to end: repaint it now, not on the next alarm.
        requestBadgeRefresh();
        return updated;
      } catch (e) {
        // e.g. 409 subscription_ended: the list we show is out of date, so fetch the truth.
        void reload();
        throw asApiError(e);
      }
    },
    [accountId, reload],
  );

  return { items, loaded, error, reload, act };
}
