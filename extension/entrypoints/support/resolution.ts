// What the desk says about a resolved case: which status, by whom, when.
import type { SupportCaseView } from '../../../shared/api-types';
import { formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

/** "completed by sam@support.test on 30 November 2026", from the case as the server has it. */
export function resolutionText(c: SupportCaseView, key: 'support.resolvedBy' | 'support.resolvedAlready') {
  return t(key, {
    caseNumber: c.caseNumber,
    status: t(`support.statusWord.${c.status}`),
    who: c.resolvedBy ?? t('support.someone'),
    date: formatDate(c.resolvedAt),
  });
}

