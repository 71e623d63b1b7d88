// The year's totals per currency (invoiced, paid, open) and its two files: the receipts pack (zip) and the CSV.
import { DownloadError } from '../../components/DownloadError';
import type { Download } from '../../hooks/useDownload';
import { useYearSummary } from '../../hooks/useYearSummary';
import { invoicesApi } from '../../utils/api/invoices';
import { errorMessage, formatMoney } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

export function YearPanel({ accountId, year, download }: { accountId: string; year: number; download: Download }) {
  const { summary, error } = useYearSummary(accountId, year);
  const totals = summary?.totals ?? [];
  return (
    <section aria-labelledby="year-heading" data-testid="year-summary">
      <h2 id="year-heading">{t('history.yearTitle', { year })}</h2>
      {error && <p class="error-text">{errorMessage(error.code)}</p>}
      {!summary && !error && <p class="muted">{t('common.loading')}</p>}
      {summary && totals.length === 0 && <p data-testid="year-empty">{t('history.yearEmpty', { year })}</p>}
      {totals.length > 0 && (
        <table class="data" data-testid="year-totals">
          <caption class="visually-hidden">{t('history.yearCaption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.currency')}</th>
              <th scope="col" class="num">{t('history.invoiceCount')}</th>
              <th scope="col" class="num">{t('history.invoiced')}</th>
              <th scope="col" class="num">{t('history.paidTotal')}</th>
              <th scope="col" class="num">{t('history.openTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((row) => (
              <tr key={row.currency} data-currency={row.currency}>
                <th scope="row">{row.currency}</th>
                <td class="num">{row.count}</td>
                <td class="num" data-testid="invoiced">{formatMoney(row.invoiced, row.currency)}</td>
                <td class="num" data-testid="paid">{formatMoney(row.paid, row.currency)}</td>
                <td class="num" data-testid="open">{formatMoney(row.open, row.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={download.busy !== null}
          onClick={() => void download.run('zip', () => invoicesApi.yearZip(accountId, year))}>
          {download.busy === 'zip' ? t('documents.downloading') : t('history.downloadYear', { year })}
        </button>
        <button type="button" class="secondary" disabled={download.busy !== null}
          onClick={() => void download.run('csv', () => invoicesApi.yearCsv(accountId, year))}>
          {download.busy === 'csv' ? t('documents.downloading') : t('history.downloadCsv', { year })}
        </button>
      </div>
      <DownloadError download={download} id="zip" />
      <DownloadError download={download} id="csv" />
    </section>
  );
}
