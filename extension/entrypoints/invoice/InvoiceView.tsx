// One invoice as a document: numbers, dates, status, bill-to snapshot (R8), lines and totals; how to pay while open.
import type { InvoiceDetail } from '../../utils/api/invoices';
import { LinesTable } from '../../components/document/LinesTable';
import { BillToBlock } from '../../components/document/Parties';
import { formatDate, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { PaySection } from './PaySection';

export function InvoiceView({ invoice, receiptHref }: { invoice: InvoiceDetail; receiptHref: string }) {
  const paid = invoice.status === 'paid';
  return (
    <article class="document" data-testid="invoice">
      <header class="document-head">
        <div>
          <h1>
            {t('invoice.heading', { number: invoice.number })}{' '}
            <span class={`badge ${invoice.status}`} data-testid="invoice-status">{t(`history.${invoice.status}`)}</span>
          </h1>
          <dl>
            <dt>{t('receipt.invoiceNumber')}</dt>
            <dd data-testid="invoice-number">{invoice.number}</dd>
            <dt>{t('invoice.issuedAt')}</dt>
            <dd>{formatDate(invoice.issuedAt)}</dd>
            {!paid && (
              // Only while something is owed: a paid invoice shows when it was paid instead.
              <>
                <dt>{t('invoice.dueDate')}</dt>
                <dd data-testid="due-date">{formatDate(invoice.dueDate)}</dd>
              </>
            )}
            <dt>{t('receipt.period')}</dt>
            <dd>{formatPeriod(invoice.periodStart, invoice.periodEnd)}</dd>
            {paid && (
              <>
                <dt>{t('receipt.paidAt')}</dt>
                <dd data-testid="paid-at">{formatDate(invoice.paidAt)}</dd>
                {invoice.receiptNumber && (
                  <>
                    <dt>{t('receipt.receiptNumber')}</dt>
                    <dd>
                      <a href={receiptHref} data-testid="receipt-link">{invoice.receiptNumber}</a>
                    </dd>
                  </>
                )}
              </>
            )}
          </dl>
        </div>
      </header>
      <BillToBlock billTo={invoice.billTo} />
      <LinesTable lines={invoice.lines} currency={invoice.currency} subtotal={invoice.subtotal} tax={invoice.tax}
        taxRateBp={invoice.taxRateBp} total={invoice.total} totalLabel={paid ? 'receipt.total' : 'invoice.totalDue'} />
      {!paid && invoice.payment && <PaySection invoice={invoice} payment={invoice.payment} />}
    </article>
  );
}
