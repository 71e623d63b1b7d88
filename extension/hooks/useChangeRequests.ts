// One account's change requests (newest first), loaded from the API and reloaded after filing one.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ChangeRequest } from '../../shared/api-types';
import { asApiError, type ApiError } from '../utils/api/api-error';
import { changeRequestsApi } from '../utils/api/change-requests';

export interface ChangeRequestsState {
  items: ChangeRequest[] | null;
  error: ApiError | null;
  reload: () => Promise<void>;
}

/** `accountId` null means "not applicable here" (a member, a card payer): nothing is fetched. */
export function useChangeRequests(accountId: string | null | undefined): ChangeRequestsState {
  const [items, setItems] = useState<ChangeRequest[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A slow answer for the previous account must not overwrite the current one's.
  const current = useRef(accountId);
  current.current = accountId;

  const reload = useCallback(async () => {
    if (!accountId) return;
    try {
      const list = await changeRequestsApi.list(accountId);
      if (current.current !== accountId) return;
      setItems(list);
      setError(null);
    } catch (e) {
      if (current.current === accountId) setError(asApiError(e));
    }
  }, [accountId]);

  useEffect(() => {
    setItems(null);
    setError(null);
    void reload();
  }, [reload]);

  return { items, error, reload };
}
