// The popup's one-line status of the active profile's open change request; it opens the Billing page's form.
import { useEffect, useState } from 'preact/hooks';
import type { ChangeRequest, Profile } from '../../../shared/api-types';
import { useStoredValue } from '../../hooks/useStoredValue';
import { changeRequestsApi } from '../../utils/change-requests-api';
import { formatDate } from '../../utils/format';
import { t } from '../../utils/i18n';
import { billingCacheItem } from '../../utils/storage';
import { openExtensionPage, pageUrl } from '../../utils/tabs';

export function OpenCaseStatus({ profile }: { profile: Profile }) {
  const { accountId } = profile;
  // The Billing page the popup already loads says whether the account pays by invoice (R6).
  const invoicePayer = useStoredValue(billingCacheItem)?.[accountId]?.paymentMethod.type === 'invoice';
  const applies = profile.role === 'holder' && invoicePayer;
  const [open, setOpen] = useState<ChangeRequest>();

  useEffect(() => {
    setOpen(undefined);
    if (!applies) return;
    let live = true;
    // Newest first, so this is the latest open case; a failure just leaves the line out.
    changeRequestsApi
      .list(accountId)
      .then((items) => live && setOpen(items.find((item) => item.status === 'open')))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accountId, applies]);

  if (!open) return null;
  return (
    <p class="note" data-testid="open-case">
      <a
        href={pageUrl('billing', accountId, 'change-request')}
        onClick={(e) => {
          e.preventDefault();
          void openExtensionPage('billing', accountId, 'change-request');
        }}
      >
        {t('changeRequest.popupStatus', { caseNumber: open.caseNumber, date: formatDate(open.expectedBy) })}
      </a>
    </p>
  );
}
