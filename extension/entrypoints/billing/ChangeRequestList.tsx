// The account's change requests, newest first: case number, filed, expected window, new details, status (the open one is withdrawn from its panel).
import type { ChangeRequest } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import type { ApiError } from '../../utils/api/api-error';
import { changeRequestStatusText } from '../../utils/forms/change-request-form';
import { errorMessage, formatDate, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

interface ChangeRequestListProps {
  items: ChangeRequest[] | null;
  error: ApiError | null;
}

export function ChangeRequestList({ items, error }: ChangeRequestListProps) {
  return (
    <>
      <h3 id="change-requests-heading">{t('changeRequest.listTitle')}</h3>
      {error && <p class="error-text">{errorMessage(error.code)}</p>}
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
