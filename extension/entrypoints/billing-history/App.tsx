// Billing History (R9): the holder's invoices, newest first, paged, with a receipt to print per paid row.
import { useEffect, useRef } from 'preact/hooks';
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { StatusRegion } from '../../components/StatusRegion';
import { useInvoiceHistory } from '../../hooks/useInvoiceHistory';
import { errorMessage } from '../../utils/i18n/format';
import { profileName, t } from '../../utils/i18n/i18n';
import { openExtensionPage } from '../../utils/background/tabs';
import { InvoiceTable } from './InvoiceTable';

function History({ accountId, profile }: HolderContext) {
  const history = useInvoiceHistory(accountId);
  const loadedMore = useRef(false);

  useEffect(() => {
    // "Load more" vanished under the keyboard focus after the last page: give focus back to the table.
    if (loadedMore.current && !history.hasMore && !history.loading) {
      loadedMore.current = false;
      document.querySelector<HTMLElement>('[data-testid="invoices"]')?.focus();
    }
  }, [history.hasMore, history.loading]);
  const company = profile ? profileName(profile) : '';
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
      <StatusRegion status={status} />
      {!history.loaded && <p class="muted">{t('common.loading')}</p>}
      {history.loaded && !history.error && history.items.length === 0 && (
        <p data-testid="empty">{t('history.empty')}</p>
      )}
      {history.items.length > 0 && (
        <InvoiceTable
          caption={t('history.caption', { company })}
          items={history.items}
          onPrint={(invoice) =>
            void openExtensionPage('receipt', accountId, undefined, { invoice: invoice.id, print: '1' })
          }
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
