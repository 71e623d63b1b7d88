// A proposal's changes as "Company phone: +1 415 … → +1 415 …", phones through PhoneText and addresses through AddressBlock.
import type { Address, BillingPage, ProposalChange } from '../../../shared/api-types';
import { AddressBlock } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import { t, type MessageKey } from '../../utils/i18n/i18n';

const LABELS: Record<string, MessageKey> = {
  'contact.companyName': 'proposals.fields.companyName',
  'contact.firstName': 'proposals.fields.firstName',
  'contact.lastName': 'proposals.fields.lastName',
  'contact.email': 'proposals.fields.contactEmail',
  'contact.phone': 'proposals.fields.contactPhone',
  'contact.address': 'proposals.fields.contactAddress',
  'billing.email': 'proposals.fields.billingEmail',
  'billing.phone': 'proposals.fields.billingPhone',
  'billing.vatId': 'proposals.fields.vatId',
  'billing.address': 'proposals.fields.billingAddress',
};

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

function Value({ field, value, page }: { field: string; value: ProposalChange['before']; page: BillingPage }) {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return <span class="muted">{t('common.empty')}</span>;
  if (field.endsWith('.address') && typeof value === 'object') return <AddressBlock address={value as Address} />;
  if (field.endsWith('.phone') && typeof value === 'string') {
    const section = field.split('.')[0] as 'contact' | 'billing';
    return <PhoneText value={value} country={page[section].address.country} />;
  }
  return <span>{Array.isArray(value) ? value.join(', ') : String(value)}</span>;
}

export function ProposalChanges({ changes, page }: { changes: ProposalChange[]; page: BillingPage }) {
  return (
    <dl class="proposal-changes">
      {groupChanges(changes, page).map((row) => (
        <div key={row.field} class="change">
          <dt>{LABELS[row.field] ? t(LABELS[row.field]) : row.field}</dt>
          <dd>
            <span class="before"><Value field={row.field} value={row.before} page={page} /></span>
            <span class="arrow" aria-hidden="true">→</span>
            <span class="visually-hidden">{t('proposals.becomes')}</span>
            <span class="after"><Value field={row.field} value={row.after} page={page} /></span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
