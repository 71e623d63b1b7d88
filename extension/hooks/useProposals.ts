// The proposals the Billing page shows: every pending one for the holder, the member's own otherwise.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Proposal, Role } from '../../shared/api-types';
import { proposalsApi } from '../utils/api/proposals';
import { asApiError, type ApiError } from '../utils/api/api-error';

export interface ProposalsState {
  items: Proposal[];
  error: ApiError | null;
  reload: () => Promise<void>;
}

export function useProposals(accountId: string | null | undefined, role: Role | undefined): ProposalsState {
  const [items, setItems] = useState<Proposal[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    if (!accountId || !role) return;
    try {
      setItems(await proposalsApi.list(accountId, role === 'holder' ? 'pending' : undefined));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  }, [accountId, role]);

  useEffect(() => {
    setItems([]);
    void reload();
  }, [reload]);

  return { items, error, reload };
}
