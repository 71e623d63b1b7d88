// Invoice page (issue 14): any invoice of the account, paid or open, with its PDF; an open one says how to pay, a paid one links to its receipt.
import { useEffect, useState } from 'preact/hooks';
import { DownloadError } from '../../components/DownloadError';
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { useDownload } from '../../hooks/useDownload';
import { useInvoice } from '../../hooks/useInvoice';
import { invoicesApi } from '../../utils/api/invoices';
import { openExtensionPage, pageUrl } from '../../utils/background/tabs';
import { errorMessage } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { invoiceFromQuery } from '../../utils/query';
import { InvoiceView } from './InvoiceView';
import { DocumentProblem } from '../../components/document/DocumentProblem';

function InvoicePage({ accountId }: HolderContext) {
  const [invoiceId] = useState(() => invoiceFromQuery());
  const [attempt, setAttempt] = useState(0);
  const { invoice, error, loading } = useInvoice(accountId, invoiceId, attempt);
  const download = useDownload();
  const receiptHref = pageUrl('receipt', accountId, undefined, { invoice: invoiceId ?? undefined });

  useEffect(() => {
    // The title names the PDF when someone prints to a file, and the tab in the tab strip.
    if (invoice) document.title = `${t('invoice.title')} ${invoice.number}`;
  }, [invoice]);

  const message = !invoiceId ? t('invoice.noInvoice') : error ? errorMessage(error.code) : null;

  return (
    <main class="wide">
      <div class="actions no-print">
        <button
          type="button"
          disabled={!invoice || download.busy !== null}
          onClick={() => invoice && void download.run(invoice.id, () => invoicesApi.invoicePdf(accountId, invoice))}
        >
          {download.busy ? t('documents.downloading') : t('documents.downloadPdf')}
        </button>
        {invoice?.status === 'paid' && invoice.receiptNumber && (
          <a class="button secondary" href={receiptHref}>
            {t('invoice.viewReceipt')}
          </a>
        )}
        <button type="button" class="secondary" onClick={() => void openExtensionPage('billing-history', accountId)}>
          {t('receipt.backToHistory')}
        </button>
      </div>
      <DownloadError download={download} />
      {loading && <p class="muted">{t('common.loading')}</p>}
      {message && (
        <DocumentProblem title="invoice.title" message={message} testId="invoice-problem" onRetry={error ? () => setAttempt((n) => n + 1) : undefined} />
      )}
      {invoice && <InvoiceView invoice={invoice} receiptHref={receiptHref} />}
    </main>
  );
}

export function App() {
  return (
    <HolderOnlyPage title="invoice.title" memberReason="profile.memberHistoryReason">
      {(context) => <InvoicePage {...context} />}
    </HolderOnlyPage>
  );
}
