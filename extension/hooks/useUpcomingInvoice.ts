// The next invoice before it is issued, for a holder's Billing page; reloaded whenever the page's version moves.
import { useEffect, useState } from 'preact/hooks';
import type { UpcomingInvoice } from '../../shared/api-types';
import { activityApi } from '../utils/api/activity';

/** Null while loading, for members (`accountId` null) and when the server could not answer: the line is left out. */
export function useUpcomingInvoice(accountId: string | null, version: number | undefined): UpcomingInvoice | null {
  const [upcoming, setUpcoming] = useState<UpcomingInvoice | null>(null);
  useEffect(() => {
    if (!accountId) return setUpcoming(null);
    let live = true;
    activityApi.upcoming(accountId).then(
      (u) => live && setUpcoming(u),
      () => live && setUpcoming(null),
    );
    return () => {
      live = false;
    };
  }, [accountId, version]);
  return upcoming;
}
