// The Billing History table: one row per invoice, with Print on the paid ones.
import type { InvoiceSummary } from '../../../shared/api-types';
import { formatDate, formatMoney, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

interface InvoiceTableProps {
  caption: string;
  items: InvoiceSummary[];
  onPrint: (invoice: InvoiceSummary) => void;
}

export function InvoiceTable({ caption, items, onPrint }: InvoiceTableProps) {
  return (
    <table class="data" data-testid="invoices" tabIndex={-1}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.issued')}</th>
          <th scope="col">{t('history.number')}</th>
          <th scope="col">{t('history.period')}</th>
          <th scope="col" class="num">{t('history.amount')}</th>
          <th scope="col">{t('history.status')}</th>
          <th scope="col">{t('history.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((invoice) => (
          <tr key={invoice.id} data-invoice={invoice.number}>
            <td>{formatDate(invoice.issuedAt)}</td>
            <th scope="row">{invoice.number}</th>
            <td>{formatPeriod(invoice.periodStart, invoice.periodEnd)}</td>
            <td class="num">{formatMoney(invoice.total, invoice.currency)}</td>
            <td>
              <span class={`badge ${invoice.status}`}>{t(`history.${invoice.status}`)}</span>
            </td>
            <td>
              {invoice.status === 'paid' && (
                <button
                  type="button"
                  class="secondary"
                  aria-label={t('history.printLabel', { number: invoice.number })}
                  onClick={() => onPrint(invoice)}
                >
                  {t('history.print')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
