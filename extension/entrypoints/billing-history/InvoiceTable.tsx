// The Billing History table: one row per invoice, each with its actions — open it, download its PDF, print the receipt of a paid one.
import type { InvoiceSummary } from '../../../shared/api-types';
import { DownloadError } from '../../components/DownloadError';
import type { Download } from '../../hooks/useDownload';
import { formatDate, formatMoney, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

interface InvoiceTableProps {
  caption: string;
  items: InvoiceSummary[];
  /** The Invoice page of a row. */
  invoiceHref: (invoice: InvoiceSummary) => string;
  onPrint: (invoice: InvoiceSummary) => void;
  onDownload: (invoice: InvoiceSummary) => void;
  download: Download;
}

export function InvoiceTable({ caption, items, invoiceHref, onPrint, onDownload, download }: InvoiceTableProps) {
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
              <div class="row-actions">
                <a class="button secondary" href={invoiceHref(invoice)} aria-label={t('history.openLabel', { number: invoice.number })}>
                  {t('history.view')}
                </a>
                <button
                  type="button"
                  class="secondary"
                  aria-label={t('history.pdfLabel', { number: invoice.number })}
                  disabled={download.busy !== null}
                  onClick={() => onDownload(invoice)}
                >
                  {download.busy === invoice.id ? t('documents.downloading') : t('history.pdf')}
                </button>
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
              </div>
              <DownloadError download={download} id={invoice.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
