// The Billing page's change-request section (R6, R13): the open case with Withdraw, or the form; the case list; one live outcome.
import { useEffect, useState } from 'preact/hooks';
import type { BillingPage, ChangeRequest, UpcomingInvoice } from '../../../shared/api-types';
import type { ChangeRequestsState } from '../../hooks/useChangeRequests';
import type { Status } from '../../hooks/useBillingForm';
import { asApiError } from '../../utils/api/api-error';
import { requestBadgeRefresh } from '../../utils/background/badge-message';
import { unseenResolvedCases } from '../../utils/seen-cases';
import { changeRequestsApi } from '../../utils/api/change-requests';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { markCasesSeen } from '../../utils/storage';
import { ChangeRequestForm } from './ChangeRequestForm';
import { ChangeRequestList } from './ChangeRequestList';
import { OpenCasePanel } from './OpenCasePanel';
import { CaseReachesLine } from './UpcomingInvoiceLine';

interface ChangeRequestSectionProps {
  page: BillingPage;
  contactEmail: string;
  cases: ChangeRequestsState;
  /** The next invoice, to say which invoice a case filed now would reach (R7, R8). */
  upcoming?: UpcomingInvoice | null;
}

export function ChangeRequestSection({ page, contactEmail, cases, upcoming = null }: ChangeRequestSectionProps) {
  const [outcome, setOutcome] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const open = cases.items?.find((item) => item.status === 'open');

  useEffect(() => {
    // The list shows every resolved case: the holder has now seen them (the badge stops counting them).
    if (cases.items) void markCasesSeen(page.accountId, unseenResolvedCases(cases.items).map((item) => item.id));
  }, [cases.items, page.accountId]);

  function filed(created: ChangeRequest) {
    setOutcome({
      kind: 'success',
      text: `${t('changeRequest.filed', { caseNumber: created.caseNumber })} ${t('changeRequest.window', {
        from: formatDate(created.expectedFrom),
        by: formatDate(created.expectedBy),
      })}`,
    });
    requestBadgeRefresh();
    void cases.reload();
  }

  async function withdraw(item: ChangeRequest) {
    setBusy(true);
    try {
      await changeRequestsApi.withdraw(page.accountId, item.id);
      setOutcome({ kind: 'success', text: t('changeRequest.withdrawn', { caseNumber: item.caseNumber }) });
      requestBadgeRefresh();
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(asApiError(e).code) });
    } finally {
      setBusy(false);
      void cases.reload();
    }
  }

  return (
    <section id="change-request" aria-labelledby="change-request-heading">
      <h2 id="change-request-heading" tabIndex={-1}>{t('billing.changeRequestTitle')}</h2>
      <div
        class={`status ${outcome?.kind ?? ''}`}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="change-request-status"
      >
        {outcome?.text}
      </div>
      {!cases.items && !cases.error ? (
        <p class="muted">{t('common.loading')}</p>
      ) : open ? (
        <OpenCasePanel item={open} busy={busy} onWithdraw={(item) => void withdraw(item)} />
      ) : (
        <>
        <CaseReachesLine upcoming={upcoming} />
        <ChangeRequestForm
          page={page}
          contactEmail={contactEmail}
          onFiled={filed}
          onOpenCase={() => {
            // Filed meanwhile elsewhere (409 change_request_open): show that case instead of the form.
            setOutcome({ kind: 'error', text: errorMessage('change_request_open') });
            void cases.reload();
          }}
        />
        </>
      )}
      <ChangeRequestList items={cases.items} error={cases.error} />
    </section>
  );
}
