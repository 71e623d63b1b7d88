// Receipt page (R10): one paid invoice's receipt, printable in one step (`?print=1` prints it once loaded), or saved as its PDF.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DownloadError } from '../../components/DownloadError';
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { useDownload } from '../../hooks/useDownload';
import { usePhoneFormatter } from '../../hooks/usePhoneDisplay';
import { useReceipt } from '../../hooks/useReceipt';
import { invoicesApi } from '../../utils/api/invoices';
import { errorMessage } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { receiptQuery, withoutPrint } from '../../utils/receipt-query';
import { openExtensionPage, pageUrl } from '../../utils/background/tabs';
import { ReceiptView } from './ReceiptView';
import { DocumentProblem } from '../../components/document/DocumentProblem';

// Module-level, so the re-mount after a language change cannot print a second time.
let printed = false;

function usePrintOnce(wanted: boolean, ready: boolean) {
  useEffect(() => {
    if (!wanted || !ready || printed) return;
    printed = true;
    history.replaceState(history.state, '', withoutPrint(location.href));
    // Effects run after the browser has painted the receipt; the timeout lets that frame finish.
    setTimeout(() => window.print(), 0);
  }, [wanted, ready]);
}

function ReceiptPage({ accountId }: HolderContext) {
  const query = useMemo(() => receiptQuery(), []);
  const [attempt, setAttempt] = useState(0);
  const { receipt, error, gap, loading } = useReceipt(accountId, query, attempt);
  // Printing waits for the phone formatter too, so the paper shows the number as people read it.
  const phonesReady = usePhoneFormatter() !== undefined;
  const download = useDownload();
  usePrintOnce(query.print, !!receipt && phonesReady);

  useEffect(() => {
    // The title names the saved PDF when someone prints to a file.
    if (receipt) document.title = `${t('receipt.title')} ${receipt.receiptNumber}`;
  }, [receipt]);

  const message = gap
    ? t(`receipt.${gap}`)
    : error?.code === 'no_receipt'
      ? t('receipt.unpaid')
      : error
        ? errorMessage(error.code)
        : null;

  return (
    <main class="wide">
      <div class="actions no-print">
        <button type="button" onClick={() => window.print()} disabled={!receipt}>
          {t('receipt.print')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={!receipt || download.busy !== null}
          onClick={() =>
            receipt &&
            void download.run(receipt.invoiceId, async () => {
              // The file is named after the invoice's issue date, which the receipt does not carry.
              const invoice = await invoicesApi.get(accountId, receipt.invoiceId);
              return invoicesApi.receiptPdf(accountId, invoice, receipt.receiptNumber);
            })
          }
        >
          {download.busy ? t('documents.downloading') : t('documents.downloadPdf')}
        </button>
        {receipt && (
          <a class="button secondary" href={pageUrl('invoice', accountId, undefined, { invoice: receipt.invoiceId })}>
            {t('receipt.viewInvoice')}
          </a>
        )}
        <button type="button" class="secondary" onClick={() => void openExtensionPage('billing-history', accountId)}>
          {t('receipt.backToHistory')}
        </button>
      </div>
      <DownloadError download={download} />
      {loading && <p class="muted">{t('common.loading')}</p>}
      {message && (
        <DocumentProblem
          title="receipt.title"
          message={message}
          testId="receipt-problem"
          onRetry={error && error.code !== 'no_receipt' ? () => setAttempt((n) => n + 1) : undefined}
        />
      )}
      {receipt && <ReceiptView receipt={receipt} />}
    </main>
  );
}

export function App() {
  return (
    <HolderOnlyPage title="receipt.title" memberReason="profile.memberHistoryReason">
      {(context) => <ReceiptPage {...context} />}
    </HolderOnlyPage>
  );
}
