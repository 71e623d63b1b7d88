// The lines of a billing document with subtotal, tax and total, in the currency's ISO 4217 exponent (shared/money.ts).
import type { Invoice } from '../../../shared/api-types';
import { formatMoney, formatPeriod, formatTaxRate } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/i18n';

interface LinesTableProps {
  lines: Invoice['lines'];
  currency: string;
  subtotal: number;
  tax: number;
  taxRateBp: number;
  total: number;
  /** "Total paid" on a receipt, "Total" on an invoice. */
  totalLabel: MessageKey;
}

export function LinesTable({ lines, currency, subtotal, tax, taxRateBp, total, totalLabel }: LinesTableProps) {
  const money = (minor: number) => formatMoney(minor, currency);
  return (
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
        {lines.map((line, index) => (
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
          <td class="num">{money(subtotal)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={3}>{t('receipt.tax', { rate: formatTaxRate(taxRateBp) })}</th>
          <td class="num" data-testid="tax">{money(tax)}</td>
        </tr>
        <tr class="total">
          <th scope="row" colSpan={3}>{t(totalLabel)}</th>
          <td class="num" data-testid="total">{money(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
