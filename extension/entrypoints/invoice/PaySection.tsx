// How to pay an open invoice: the amount, the due date, the seller's bank account and the reference to quote.
import type { BankDetails, InvoiceDetail } from '../../utils/api/invoices';
import { formatDate, formatMoney } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { ibanPrintFormat } from '../../../shared/iban-format';

function BankLines({ bank }: { bank: BankDetails }) {
  return (
    <dl data-testid="bank-details">
      <dt>{t('invoice.accountHolder')}</dt>
      <dd>{bank.accountHolder}</dd>
      {'iban' in bank ? (
        <>
          <dt>{t('invoice.iban')}</dt>
          <dd data-testid="iban">{ibanPrintFormat(bank.iban)}</dd>
          <dt>{t('invoice.bic')}</dt>
          <dd>{bank.bic}</dd>
        </>
      ) : (
        <>
          <dt>{t('invoice.bankName')}</dt>
          <dd>{bank.bankName}</dd>
          <dt>{t('invoice.accountNumber')}</dt>
          <dd data-testid="account-number">{bank.accountNumber}</dd>
          <dt>{t('invoice.routingNumber')}</dt>
          <dd>{bank.routingNumber}</dd>
        </>
      )}
    </dl>
  );
}

export function PaySection({ invoice, payment }: { invoice: InvoiceDetail; payment: NonNullable<InvoiceDetail['payment']> }) {
  return (
    <section class="pay" aria-labelledby="pay-heading" data-testid="how-to-pay">
      <h2 id="pay-heading">{t('invoice.howToPay')}</h2>
      <p>
        {t('invoice.transfer', { amount: formatMoney(invoice.total, invoice.currency), date: formatDate(invoice.dueDate) })}
      </p>
      <BankLines bank={payment.bank} />
      <p>
        {t('invoice.quote')} <strong class="reference" data-testid="payment-reference">{payment.reference}</strong>
      </p>
    </section>
  );
}
