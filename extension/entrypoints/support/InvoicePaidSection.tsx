// Mark an open invoice paid (a bank transfer arrived): find it by number, confirm once; the server audits who did it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupportInvoice } from '../../../shared/api-types';
import { ApiError } from '../../utils/api/client';
import { requestBadgeRefresh } from '../../utils/background/badge-message';
import { errorMessage, formatDate, formatMoney } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { supportApi } from '../../utils/api/support';
import type { Status } from './App';

export function InvoicePaidSection({ onStatus }: { onStatus: (status: Status) => void }) {
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<SupportInvoice[] | null>(null);
  const [searched, setSearched] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function find() {
    if (!number.trim()) return;
    setBusy(true);
    try {
      setFound(await supportApi.findInvoice(number));
      setSearched(number.trim());
      setConfirming(null);
    } catch (err) {
      onStatus({ kind: 'error', text: errorMessage(err instanceof ApiError ? err.code : 'unknown') });
    } finally {
      setBusy(false);
    }
  }

  async function markPaid(invoice: SupportInvoice) {
    setBusy(true);
    try {
      await supportApi.markPaid(invoice.id);
      onStatus({ kind: 'success', text: t('support.markedPaid', { number: invoice.number }) });
      void requestBadgeRefresh();
    } catch (err) {
      onStatus({ kind: 'error', text: errorMessage(err instanceof ApiError ? err.code : 'unknown') });
    } finally {
      setConfirming(null);
      setFound(await supportApi.findInvoice(invoice.number).catch(() => found));
      setBusy(false);
      result.current?.focus();
    }
  }

  const line = (i: SupportInvoice) =>
    t('support.invoiceLine', { number: i.number, company: i.companyName, total: formatMoney(i.total, i.currency), date: formatDate(i.issuedAt) });
  return (
    <section aria-labelledby="invoice-heading">
      <h2 id="invoice-heading">{t('support.invoiceHeading')}</h2>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <div class="field">
          <label for="invoice-number">{t('support.invoiceNumber')}</label>
          <input id="invoice-number" maxLength={40} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary" disabled={busy}>
          {t('support.find')}
        </button>
      </form>
      <div ref={result} tabIndex={-1} data-testid="invoice-result">
        {found && found.length === 0 && <p>{t('support.invoiceNotFound', { number: searched })}</p>}
        {found?.map((i) => (
          <div key={i.id}>
            <p>
              {line(i)} <span class={`badge ${i.status}`}>{i.status === 'paid' ? t('history.paid') : t('history.open')}</span>
            </p>
            {i.status === 'paid' && <p>{t('support.invoicePaid', { date: formatDate(i.paidAt) })}</p>}
            {i.status === 'open' && confirming !== i.id && (
              <button type="button" disabled={busy} onClick={() => setConfirming(i.id)}>
                {t('support.markPaid')}
              </button>
            )}
            {confirming === i.id && (
              <div class="confirm" role="group" aria-labelledby={`confirm-paid-${i.id}`}>
                <p id={`confirm-paid-${i.id}`}>{t('support.confirmPaid', { number: i.number, company: i.companyName, total: formatMoney(i.total, i.currency) })}</p>
                <div class="actions">
                  <button type="button" ref={confirmButton} disabled={busy} onClick={() => void markPaid(i)}>
                    {t('support.confirmPaidButton')}
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                    {t('support.cancel')}
                  </button>
                </div>
              </div>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
