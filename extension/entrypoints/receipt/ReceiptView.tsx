// The receipt itself, laid out for paper: seller, bill-to snapshot (R8), numbers, lines and totals (shared with the Invoice page).
import type { Receipt } from '../../../shared/api-types';
import { LinesTable } from '../../components/document/LinesTable';
import { BillToBlock, SellerBlock } from '../../components/document/Parties';
import { formatDate, formatPeriod } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

function paymentText(method: Receipt['paymentMethod']): string {
  return method.type === 'card' ? method.text : t('receipt.transfer');
}

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  return (
    <article class="document" data-testid="receipt">
      <header class="document-head">
        <div>
          <h1>{t('receipt.heading', { number: receipt.receiptNumber })}</h1>
          <dl>
            <dt>{t('receipt.receiptNumber')}</dt>
            <dd data-testid="receipt-number">{receipt.receiptNumber}</dd>
            <dt>{t('receipt.invoiceNumber')}</dt>
            <dd data-testid="invoice-number">{receipt.invoiceNumber}</dd>
            <dt>{t('receipt.paidAt')}</dt>
            <dd>{formatDate(receipt.paidAt)}</dd>
            <dt>{t('receipt.period')}</dt>
            <dd>{formatPeriod(receipt.periodStart, receipt.periodEnd)}</dd>
            <dt>{t('receipt.paymentMethod')}</dt>
            <dd data-testid="payment-method">{paymentText(receipt.paymentMethod)}</dd>
          </dl>
        </div>
        <SellerBlock seller={receipt.seller} />
      </header>
      <BillToBlock billTo={receipt.billTo} />
      <LinesTable lines={receipt.lines} currency={receipt.currency} subtotal={receipt.subtotal} tax={receipt.tax}
        taxRateBp={receipt.taxRateBp} total={receipt.amount} totalLabel="receipt.total" />
    </article>
  );
}
