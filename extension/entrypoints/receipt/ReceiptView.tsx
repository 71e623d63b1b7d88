// The receipt itself, laid out for paper: seller, bill-to snapshot (R8), numbers, lines and totals.
import type { Receipt } from '../../../shared/api-types';
import { AddressBlock } from '../../components/AddressBlock';
import { PhoneText } from '../../components/PhoneText';
import { formatDate, formatMoney, formatPeriod, formatTaxRate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

function paymentText(method: Receipt['paymentMethod']): string {
  return method.type === 'card' ? method.text : t('receipt.transfer');
}

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const money = (minor: number) => formatMoney(minor, receipt.currency);
  const { seller, billTo } = receipt;
  return (
    <article class="receipt" data-testid="receipt">
      <header class="receipt-head">
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
        <section class="party" aria-labelledby="seller-heading">
          <h2 id="seller-heading">{t('receipt.from')}</h2>
          <strong>{seller.name}</strong>
          <AddressBlock address={seller.address} />
          <div>{seller.email}</div>
          <div>{t('receipt.vatId', { vatId: seller.vatId })}</div>
        </section>
      </header>

      <section class="party" aria-labelledby="bill-to-heading" data-testid="bill-to">
        <h2 id="bill-to-heading">{t('receipt.billTo')}</h2>
        <strong>{billTo.companyName}</strong>
        <div>{billTo.contactName}</div>
        <AddressBlock address={billTo.address} />
        <div>{billTo.email}</div>
        <div><PhoneText value={billTo.phone} country={billTo.address.country} /></div>
        {billTo.vatId && <div>{t('receipt.vatId', { vatId: billTo.vatId })}</div>}
      </section>

      <table class="data lines">
        <thead>
          <tr>
            <th scope="col">{t('receipt.description')}</th>
            <th scope="col" class="num">{t('receipt.quantity')}</th>
            <th scope="col" class="num">{t('receipt.unitPrice')}</th>
            <th scope="col" class="num">{t('receipt.lineAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((line, index) => (
            <tr key={index}>
              <td>
                {line.description}
                <div class="muted">{formatPeriod(line.periodStart, line.periodEnd)}</div>
              </td>
              <td class="num">{line.quantity}</td>
              <td class="num">{money(line.unitAmount)}</td>
              <td class="num">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>{t('receipt.subtotal')}</th>
            <td class="num">{money(receipt.subtotal)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>{t('receipt.tax', { rate: formatTaxRate(receipt.taxRateBp) })}</th>
            <td class="num">{money(receipt.tax)}</td>
          </tr>
          <tr class="total">
            <th scope="row" colSpan={3}>{t('receipt.total')}</th>
            <td class="num" data-testid="total">{money(receipt.amount)}</td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
