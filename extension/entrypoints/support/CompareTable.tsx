// Billing details side by side: the account now, the account when filed, what was typed as current, what is requested.
import type { BillingDetails } from '../../../shared/api-types';
import { addressLines } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import { t, type MessageKey } from '../../utils/i18n/i18n';

type Field = 'address' | 'phone' | 'email';
const FIELDS: { key: Field; label: MessageKey }[] = [
  { key: 'address', label: 'support.address' },
  { key: 'phone', label: 'support.phone' },
  { key: 'email', label: 'support.email' },
];

const lines = (d: BillingDetails, f: Field) => (f === 'address' ? addressLines(d.address) : [d[f]]);
const same = (a: BillingDetails, b: BillingDetails, f: Field) => lines(a, f).join('\n') === lines(b, f).join('\n');

/** The fields where what was typed as current differs from the account now (the desk warns about them). */
export const typedDifferences = (accountNow: BillingDetails, typed: BillingDetails) =>
  FIELDS.filter((f) => !same(accountNow, typed, f.key)).map((f) => t(f.label));

interface Props {
  accountNow: BillingDetails;
  atFiling: BillingDetails | null;
  typed: BillingDetails;
  requested: BillingDetails;
}

/** A cell; `marker` (e.g. "(changes)") is printed text as well as the highlight, so it is not told by colour alone. */
function Cell({ details, field, marker }: { details: BillingDetails | null; field: Field; marker?: string }) {
  if (!details) return <td class="muted">{t('support.notRecorded')}</td>;
  return (
    <td class={marker ? 'diff' : undefined}>
      {field === 'phone' ? (
        <div><PhoneText value={details.phone} country={details.address.country} /></div>
      ) : (
        lines(details, field).map((line, i) => <div key={i}>{line}</div>)
      )}
      {marker && <strong class="diff-marker">{marker}</strong>}
    </td>
  );
}

export function CompareTable({ accountNow, atFiling, typed, requested }: Props) {
  return (
    <table class="data compare" data-testid="compare">
      <caption>{t('support.compareCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('support.field')}</th>
          <th scope="col">{t('support.accountNow')}</th>
          <th scope="col">{t('support.atFiling')}</th>
          <th scope="col">{t('support.typedCurrent')}</th>
          <th scope="col">{t('support.requested')}</th>
        </tr>
      </thead>
      <tbody>
        {FIELDS.map(({ key, label }) => (
          <tr key={key} data-field={key}>
            <th scope="row">{t(label)}</th>
            <Cell details={accountNow} field={key} />
            <Cell details={atFiling} field={key} marker={atFiling && !same(accountNow, atFiling, key) ? t('support.differs') : undefined} />
            <Cell details={typed} field={key} marker={!same(accountNow, typed, key) ? t('support.differs') : undefined} />
            <Cell details={requested} field={key} marker={!same(accountNow, requested, key) ? t('support.changes') : undefined} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
