// A proposal's changes as "Company phone: +1 415 … → +1 415 …", phones through PhoneText and addresses through AddressBlock.
import type { Address, BillingPage, ProposalChange } from '../../../shared/api-types';
import { ChangeValue, changeLabel } from '../../components/FieldChange';
import { t } from '../../utils/i18n/i18n';

/** The country of the address in the same section, so a phone at home shows in national format. */
const countryBeside = (field: string, page: BillingPage) => page[field.startsWith('contact.') ? 'contact' : 'billing'].address.country;

type Side = 'before' | 'after';
interface Row {
  field: string;
  before: ProposalChange['before'];
  after: ProposalChange['after'];
}

/** Address fields of one section become one row with whole addresses: the page's address with the proposal's values over it. */
export function groupChanges(changes: ProposalChange[], page: BillingPage): Row[] {
  const rows: Row[] = [];
  const addresses = new Map<string, Row>();
  for (const change of changes) {
    const m = /^(contact|billing)\.address\.(\w+)$/.exec(change.field);
    if (!m) {
      rows.push(change);
      continue;
    }
    const field = `${m[1]}.address`;
    let row = addresses.get(field);
    if (!row) {
      const current = page[m[1] as 'contact' | 'billing'].address;
      row = { field, before: { ...current }, after: { ...current } };
      addresses.set(field, row);
      rows.push(row);
    }
    for (const side of ['before', 'after'] as Side[]) (row[side] as Record<string, unknown>)[m[2]] = change[side];
  }
  return rows;
}

export function ProposalChanges({ changes, page }: { changes: ProposalChange[]; page: BillingPage }) {
  return (
    <dl class="proposal-changes">
      {groupChanges(changes, page).map((row) => (
        <div key={row.field} class="change">
          <dt>{changeLabel(row.field)}</dt>
          <dd>
            <span class="before"><ChangeValue field={row.field} value={row.before} country={countryBeside(row.field, page)} block /></span>
            <span class="arrow" aria-hidden="true">→</span>
            <span class="visually-hidden">{t('proposals.becomes')}</span>
            <span class="after"><ChangeValue field={row.field} value={row.after} country={countryBeside(row.field, page)} block /></span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
