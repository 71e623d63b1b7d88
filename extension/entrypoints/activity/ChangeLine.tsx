// One changed field: "Company name: Acme Corp → Acme Holdings", addresses and phones shown as everywhere else.
import type { ActivityChange, Address } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import { t } from '../../utils/i18n/i18n';
import { fieldLabel } from './activity-text';

type Value = ActivityChange['before'];

const isAddress = (v: Value): v is Address => typeof v === 'object' && v !== null && !Array.isArray(v);

function ValueText({ field, value }: { field: string; value: Value }) {
  if (value === null || value === '') return <span class="muted">{t('common.empty')}</span>;
  if (isAddress(value)) return <span>{addressLines(value).join(', ')}</span>;
  if (Array.isArray(value)) return <span>{value.join(', ')}</span>;
  if (field.endsWith('.phone') && typeof value === 'string') return <PhoneText value={value} />;
  return <span>{String(value)}</span>;
}

export function ChangeLine({ change }: { change: ActivityChange }) {
  return (
    <li data-testid="change">
      {t('activity.fieldLabel', { field: fieldLabel(change.field) })} <ValueText field={change.field} value={change.before} />
      {' → '}
      <ValueText field={change.field} value={change.after} />
    </li>
  );
}
