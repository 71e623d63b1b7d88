// The account's change requests, newest first: case number, filed, expected window, new details, status; an open one can be withdrawn (R13).
import { useState } from 'preact/hooks';
import type { ChangeRequest } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import { asApiError, type ApiError } from '../../utils/api-error';
import { changeRequestsApi } from '../../utils/change-requests-api';
import { changeRequestStatusText } from '../../utils/change-request-form';
import { errorMessage, formatDate, formatPeriod } from '../../utils/format';
import { t } from '../../utils/i18n';

interface ChangeRequestListProps {
  accountId: string;
  items: ChangeRequest[] | null;
  error: ApiError | null;
  /** After a withdrawal: reload the list. */
  onWithdrawn: () => void;
}

export function ChangeRequestList({ accountId, items, error, onWithdrawn }: ChangeRequestListProps) {
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function withdraw(item: ChangeRequest) {
    setBusy(true);
    try {
      await changeRequestsApi.withdraw(accountId, item.id);
      setOutcome({ kind: 'success', text: t('changeRequest.withdrawn', { caseNumber: item.caseNumber }) });
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(asApiError(e).code) });
    } finally {
      setBusy(false);
      onWithdrawn();
    }
  }
  return (
    <>
      <h3 id="change-requests-heading">{t('changeRequest.listTitle')}</h3>
      {error && <p class="error-text">{errorMessage(error.code)}</p>}
      {outcome && (
        <p class={outcome.kind === 'error' ? 'error-text' : 'muted'} role="status" data-testid="withdraw-outcome">
          {outcome.text}
        </p>
      )}
      {!items && !error && <p class="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('changeRequest.none')}</p>}
      {items && items.length > 0 && (
        <table class="data" aria-labelledby="change-requests-heading" data-testid="change-requests">
          <thead>
            <tr>
              <th scope="col">{t('changeRequest.caseNumber')}</th>
              <th scope="col">{t('changeRequest.createdAt')}</th>
              <th scope="col">{t('changeRequest.expected')}</th>
              <th scope="col">{t('changeRequest.newTitle')}</th>
              <th scope="col">{t('changeRequest.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-status={item.status}>
                <th scope="row">{item.caseNumber}</th>
                <td>{formatDate(item.createdAt)}</td>
                <td>{formatPeriod(item.expectedFrom, item.expectedBy)}</td>
                <td>
                  {addressLines(item.requested.address).join(', ')}
                  <div class="muted"><PhoneText value={item.requested.phone} country={item.requested.address.country} /> · {item.requested.email}</div>
                </td>
                <td>
                  <span class={`badge ${item.status === 'open' ? '' : item.status}`}>{changeRequestStatusText(item)}</span>
                  {item.status === 'open' && (
                    <button type="button" class="secondary" disabled={busy} onClick={() => void withdraw(item)}>
                      {t('changeRequest.withdraw', { caseNumber: item.caseNumber })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
