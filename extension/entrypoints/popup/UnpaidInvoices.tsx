// The popup's line about unpaid invoices, the badge's "1 unpaid invoice" made a way there: one opens its Invoice page, several open Billing History on the open ones.
import { useEffect, useState } from 'preact/hooks';
import type { InvoiceSummary, Profile } from '../../../shared/api-types';
import { invoicesApi } from '../../utils/api/invoices';
import { openExtensionPage, pageUrl, type ExtensionPage, type PageParams } from '../../utils/background/tabs';
import { formatMoney } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

/** Mount with a key per account. Holders only (R4); a failure just leaves the line out. */
export function UnpaidInvoices({ profile }: { profile: Profile }) {
  const { accountId } = profile;
  const [open, setOpen] = useState<InvoiceSummary[]>([]);

  useEffect(() => {
    if (profile.role !== 'holder') return;
    let live = true;
    // The same question the badge asks (badge-refresh.ts), so the line and the count agree.
    invoicesApi
      .page(accountId, { status: 'open', limit: 100 })
      .then((page) => live && setOpen(page.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accountId, profile.role]);

  if (open.length === 0) return null;
  const [page, params, text]: [ExtensionPage, PageParams, string] =
    open.length === 1
      ? ['invoice', { invoice: open[0].id }, t('popup.unpaidOne', { number: open[0].number, amount: formatMoney(open[0].total, open[0].currency) })]
      : ['billing-history', { status: 'open' }, t('popup.unpaidOther', { count: open.length })];
  return (
    <p class="note" data-testid="unpaid-invoices">
      <a
        href={pageUrl(page, accountId, undefined, params)}
        onClick={(e) => {
          e.preventDefault();
          void openExtensionPage(page, accountId, undefined, params);
        }}
      >
        {text}
      </a>
    </p>
  );
}
