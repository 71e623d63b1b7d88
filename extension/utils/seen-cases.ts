// Which resolved change requests are still news for the holder: shared by the popup, the Billing page and the badge.
import type { ChangeRequest } from '../../shared/api-types';

/** How long a resolved case stays news: older ones (e.g. from before an upgrade) are not counted. */
export const RESOLVED_NEWS_DAYS = 30;

/**
 * Completed and rejected cases not yet seen by the holder (issue 15 §5: shown and counted until
 * seen), resolved within the last RESOLVED_NEWS_DAYS days before `now`.
 */
export function unseenResolvedCases<T extends Pick<ChangeRequest, 'id' | 'status' | 'resolvedAt'>>(
  items: T[],
  seen: readonly string[] = [],
  now: Date = new Date(),
): T[] {
  const since = now.getTime() - RESOLVED_NEWS_DAYS * 86_400_000;
  return items.filter(
    (item) =>
      (item.status === 'completed' || item.status === 'rejected') &&
      !seen.includes(item.id) &&
      item.resolvedAt !== null &&
      Date.parse(item.resolvedAt) >= since,
  );
}
