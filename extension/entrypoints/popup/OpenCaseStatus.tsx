// The popup's lines about the active profile's change requests: the open one, and completed or rejected ones not yet seen.
import { useEffect, useState } from 'preact/hooks';
import type { ChangeRequest, Profile } from '../../../shared/api-types';
import { useStoredValue } from '../../hooks/useStoredValue';
import { unseenResolvedCases } from '../../utils/seen-cases';
import { changeRequestsApi } from '../../utils/api/change-requests';
import { formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { billingCacheItem, markCasesSeen, seenCasesItem } from '../../utils/storage';
import { openExtensionPage, pageUrl } from '../../utils/background/tabs';

function lineOf(item: ChangeRequest): string {
  if (item.status === 'completed') {
    return t('changeRequest.popupCompleted', { caseNumber: item.caseNumber, date: formatDate(item.resolvedAt) });
  }
  if (item.status === 'rejected') {
    return t('changeRequest.popupRejected', {
      caseNumber: item.caseNumber,
      date: formatDate(item.resolvedAt),
      reason: item.rejectReason ?? '',
    });
  }
  return t('changeRequest.popupStatus', { caseNumber: item.caseNumber, date: formatDate(item.expectedBy) });
}

/**
 * Mount with a key per account. A resolved case shows here once: opening the popup counts as seeing
 * it (issue 15 §5), which also takes it off the badge (the background watches the seen ids).
 */
export function OpenCaseStatus({ profile }: { profile: Profile }) {
  const { accountId } = profile;
  // The Billing page the popup already loads says whether the account pays by invoice (R6).
  const invoicePayer = useStoredValue(billingCacheItem)?.[accountId]?.paymentMethod.type === 'invoice';
  const applies = profile.role === 'holder' && invoicePayer;
  const [shown, setShown] = useState<ChangeRequest[]>([]);

  useEffect(() => {
    if (!applies) return;
    let live = true;
    // Newest first; a failure just leaves the lines out.
    Promise.all([changeRequestsApi.list(accountId), seenCasesItem.getValue()])
      .then(([items, seen]) => {
        if (!live) return;
        const resolved = unseenResolvedCases(items, seen[accountId]);
        const open = items.find((item) => item.status === 'open');
        setShown([...(open ? [open] : []), ...resolved]);
        return markCasesSeen(accountId, resolved.map((item) => item.id));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accountId, applies]);

  if (!applies || shown.length === 0) return null;
  return (
    <ul class="cases" aria-label={t('changeRequest.listTitle')} data-testid="open-case">
      {shown.map((item) => (
        <li key={item.id} class="note" data-status={item.status}>
          <a
            href={pageUrl('billing', accountId, 'change-request')}
            onClick={(e) => {
              e.preventDefault();
              void openExtensionPage('billing', accountId, 'change-request');
            }}
          >
            {lineOf(item)}
          </a>
        </li>
      ))}
    </ul>
  );
}
