// The account's open change request, shown instead of the form (R13: one open case per account), with Withdraw.
import type { ChangeRequest } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { formatDate, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { PhoneText } from '../../components/PhoneText';

interface OpenCasePanelProps {
  item: ChangeRequest;
  busy: boolean;
  onWithdraw: (item: ChangeRequest) => void;
}

export function OpenCasePanel({ item, busy, onWithdraw }: OpenCasePanelProps) {
  return (
    <div data-testid="open-case-panel">
      <h3>{t('changeRequest.openTitle', { caseNumber: item.caseNumber })}</h3>
      <p>{t('changeRequest.openIntro', { date: formatDate(item.expectedBy) })}</p>
      <dl>
        <dt>{t('changeRequest.createdAt')}</dt>
        <dd>{formatDate(item.createdAt)}</dd>
        <dt>{t('changeRequest.expected')}</dt>
        <dd>{formatPeriod(item.expectedFrom, item.expectedBy)}</dd>
        <dt>{t('changeRequest.newTitle')}</dt>
        <dd>
          {addressLines(item.requested.address).join(', ')}
          <div class="muted"><PhoneText value={item.requested.phone} country={item.requested.address.country} /> · {item.requested.email}</div>
        </dd>
        <dt>{t('changeRequest.contactEmail')}</dt>
        <dd>{item.contactEmail}</dd>
        <dt>{t('changeRequest.details')}</dt>
        <dd class="pre-line">{item.details}</dd>
      </dl>
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => onWithdraw(item)}>
          {t('changeRequest.withdraw', { caseNumber: item.caseNumber })}
        </button>
      </div>
    </div>
  );
}
