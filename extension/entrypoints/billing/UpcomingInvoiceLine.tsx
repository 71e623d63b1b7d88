// Where the next invoice goes and which changes reach it (issue 16 §3, R8), and which invoice a change request would reach.
import type { UpcomingInvoice } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { formatDayAndTime } from '../../utils/i18n/date-time';
import { formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

/** "Your next invoice, on December 1, 2026, will be addressed to …; changes saved before December 1 at 00:00 UTC appear on it." */
export function UpcomingInvoiceLine({ upcoming }: { upcoming: UpcomingInvoice | null }) {
  if (!upcoming) return null;
  if (!upcoming.billingDate || !upcoming.cutoff) return <p class="note" data-testid="upcoming-invoice">{t('upcoming.none')}</p>;
  const billTo = [upcoming.billTo.companyName, ...addressLines(upcoming.billTo.address)].join(', ');
  return (
    <p class="note" data-testid="upcoming-invoice">
      {t('upcoming.line', { date: formatDate(upcoming.billingDate), billTo, cutoff: formatDayAndTime(upcoming.cutoff) })}
    </p>
  );
}

/** In the change request form: the invoice a case filed now, completed by its expected date, first reaches. */
export function CaseReachesLine({ upcoming }: { upcoming: UpcomingInvoice | null }) {
  const cr = upcoming?.changeRequest;
  if (!cr) return null;
  return (
    <p class="note" data-testid="case-reaches">
      {cr.reaches
        ? t('upcoming.caseReaches', { expectedBy: formatDate(cr.expectedBy), reaches: formatDate(cr.reaches) })
        : t('upcoming.caseReachesNone', { expectedBy: formatDate(cr.expectedBy) })}
    </p>
  );
}
