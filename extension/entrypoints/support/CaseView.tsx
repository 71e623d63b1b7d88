// One case as staff work it: the comparison, the contact, the details, R8's invoice, and complete or reject.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupportCaseView } from '../../../shared/api-types';
import { ApiError } from '../../utils/api/client';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { supportApi } from '../../utils/api/support';
import type { Status } from './App';
import { CaseActions } from './CaseActions';
import { CompareTable, typedDifferences } from './CompareTable';
import { resolutionText } from './resolution';

interface Props {
  crId: string;
  onStatus: (status: Status) => void;
  onResolved: () => void;
  onBack: () => void;
}

function appliesText(c: SupportCaseView) {
  const { beforeNextBillingDate, nextBillingDate } = c.appliesFrom;
  if (!nextBillingDate) return t('support.appliesAny');
  return t(beforeNextBillingDate ? 'support.appliesNext' : 'support.appliesAfter', { date: formatDate(nextBillingDate) });
}

export function CaseView({ crId, onStatus, onResolved, onBack }: Props) {
  const [data, setData] = useState<SupportCaseView>();
  const heading = useRef<HTMLHeadingElement>(null);

  async function reload() {
    try {
      const c = await supportApi.get(crId);
      setData(c);
      return c;
    } catch (err) {
      onStatus({ kind: 'error', text: errorMessage(err instanceof ApiError ? err.code : 'unknown') });
      return undefined;
    }
  }
  useEffect(() => {
    void reload().then(() => heading.current?.focus());
  }, [crId]);

  const back = (
    <p>
      <button type="button" class="link" onClick={onBack}>
        {t('support.back')}
      </button>
    </p>
  );
  if (!data) return <section>{back}<p class="muted">{t('common.loading')}</p></section>;
  const differs = typedDifferences(data.accountNow, data.current);
  return (
    <section aria-labelledby="case-heading" data-testid="case">
      {back}
      <h2 id="case-heading" ref={heading} tabIndex={-1}>
        {t('support.caseHeading', { caseNumber: data.caseNumber, company: data.companyName })}{' '}
        <span class={`badge ${data.status}`}>{t(`support.statusWord.${data.status}`)}</span>
        {data.late && (
          <>
            {' '}
            <span class="badge late">{t('support.late')}</span>
          </>
        )}
      </h2>
      <dl class="case-facts">
        <dt>{t('support.filed')}</dt>
        <dd>{formatDate(data.createdAt)}</dd>
        <dt>{t('support.expected')}</dt>
        <dd>
          {formatDate(data.expectedFrom)} – {formatDate(data.expectedBy)}
        </dd>
        <dt>{t('support.contact')}</dt>
        <dd>{data.contactEmail}</dd>
        <dt>{t('support.nextBilling')}</dt>
        <dd>{data.appliesFrom.nextBillingDate ? formatDate(data.appliesFrom.nextBillingDate) : t('support.noNextBilling')}</dd>
        <dt>{t('support.details')}</dt>
        <dd class="details-text">{data.details}</dd>
      </dl>
      {differs.length > 0 && (
        <p class="warning" data-testid="typed-differs">
          {t('support.typedDiffers', { fields: differs.join(', ') })}
        </p>
      )}
      <CompareTable accountNow={data.accountNow} atFiling={data.accountAtFiling} typed={data.current} requested={data.requested} />
      {data.status === 'open' ? (
        <>
          <p data-testid="applies-from">{appliesText(data)}</p>
          <CaseActions
            view={data}
            onStatus={onStatus}
            onDone={async (message) => {
              const fresh = await reload();
              onResolved();
              onStatus({ kind: 'success', text: message(fresh ?? data) });
              heading.current?.focus();
            }}
          />
        </>
      ) : (
        <p data-testid="resolution">
          {resolutionText(data, 'support.resolvedBy')}
          {data.rejectReason ? ` — ${data.rejectReason}` : ''}
        </p>
      )}
    </section>
  );
}
