// Billing History (R9, issue 14): the holder's invoices, newest first, paged and filtered; each row opens its invoice or saves its PDF; the year's totals and files.
import { useEffect, useRef, useState } from 'preact/hooks';
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { StatusRegion } from '../../components/StatusRegion';
import { useDownload } from '../../hooks/useDownload';
import { useInvoiceHistory, type HistoryFilters } from '../../hooks/useInvoiceHistory';
import { invoicesApi } from '../../utils/api/invoices';
import { errorMessage } from '../../utils/i18n/format';
import { profileName, t } from '../../utils/i18n/i18n';
import { openExtensionPage, pageUrl } from '../../utils/background/tabs';
import { historyFiltersFromQuery } from '../../utils/query';
import { Filters } from './Filters';
import { InvoiceTable } from './InvoiceTable';
import { YearPanel } from './YearPanel';

const thisYear = () => new Date().getUTCFullYear();

/**
 * The years the year filter offers: every year from this one back to the oldest invoice seen so far
 * (the newest pages cover the recent years; "Load more" brings older ones in).
 */
function yearRange(seen: Set<number>): number[] {
  const newest = Math.max(thisYear(), ...seen);
  const oldest = Math.min(thisYear(), ...seen);
  return Array.from({ length: newest - oldest + 1 }, (_, i) => newest - i);
}

function History({ accountId, profile }: HolderContext) {
  const [filters, setFilters] = useState<HistoryFilters>(() => historyFiltersFromQuery());
  const history = useInvoiceHistory(accountId, filters);
  const download = useDownload();
  const loadedMore = useRef(false);
  const [seenYears, setSeenYears] = useState<Set<number>>(() => new Set());

  useEffect(() => {
    const years = history.items.map((i) => new Date(i.issuedAt).getUTCFullYear());
    if (years.some((y) => !seenYears.has(y))) setSeenYears(new Set([...seenYears, ...years]));
  }, [history.items]);

  useEffect(() => {
    // "Load more" vanished under the keyboard focus after the last page: give focus back to the table.
    if (loadedMore.current && !history.hasMore && !history.loading) {
      loadedMore.current = false;
      document.querySelector<HTMLElement>('[data-testid="invoices"]')?.focus();
    }
  }, [history.hasMore, history.loading]);
  const company = profile ? profileName(profile) : '';
  const filtered = filters.year !== undefined || filters.status !== undefined || !!filters.number;
  const status = history.error
    ? { kind: 'error' as const, text: errorMessage(history.error.code) }
    : history.loaded && history.items.length
      ? { kind: 'success' as const, text: t('history.count', { count: history.items.length }) }
      : null;

  return (
    <main class="wide">
      <h1>
        {t('history.title')}
        {company ? ` — ${company}` : ''}
      </h1>
      <Filters filters={filters} years={yearRange(seenYears)} onChange={setFilters} />
      <YearPanel accountId={accountId} year={filters.year ?? thisYear()} download={download} />
      <h2 id="invoices-heading">{t('history.invoicesTitle')}</h2>
      <StatusRegion status={status} />
      {!history.loaded && <p class="muted">{t('common.loading')}</p>}
      {history.loaded && !history.error && history.items.length === 0 && (
        <p data-testid="empty">{filtered ? t('history.noMatch') : t('history.empty')}</p>
      )}
      {history.items.length > 0 && (
        <InvoiceTable
          caption={t('history.caption', { company })}
          items={history.items}
          invoiceHref={(invoice) => pageUrl('invoice', accountId, undefined, { invoice: invoice.id })}
          onPrint={(invoice) =>
            void openExtensionPage('receipt', accountId, undefined, { invoice: invoice.id, print: '1' })
          }
          onDownload={(invoice) => void download.run(invoice.id, () => invoicesApi.invoicePdf(accountId, invoice))}
          download={download}
        />
      )}
      <div class="actions">
        {history.error && (
          <button type="button" onClick={() => void history.retry()} disabled={history.loading}>
            {t('account.retry')}
          </button>
        )}
        {history.hasMore && !history.error && (
          <button type="button" class="secondary" onClick={() => {
              loadedMore.current = true;
              void history.loadMore();
            }} disabled={history.loading}>
            {history.loading ? t('history.loadingMore') : t('history.loadMore')}
          </button>
        )}
      </div>
    </main>
  );
}

export function App() {
  return (
    <HolderOnlyPage title="history.title" memberReason="profile.memberHistoryReason">
      {(context) => <History {...context} />}
    </HolderOnlyPage>
  );
}
