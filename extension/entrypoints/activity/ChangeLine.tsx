// One changed field: "Company name: Acme Corp → Acme Holdings", addresses and phones shown as everywhere else.
import type { ActivityChange } from '../../../shared/api-types';
import { ChangeValue, changeLabel } from '../../components/FieldChange';
import { t } from '../../utils/i18n/i18n';

export function ChangeLine({ change }: { change: ActivityChange }) {
  return (
    <li data-testid="change">
      {t('activity.fieldLabel', { field: changeLabel(change.field) })} <ChangeValue field={change.field} value={change.before} />
      {' → '}
      <ChangeValue field={change.field} value={change.after} />
    </li>
  );
}
