// The next invoice before it is issued: the billing run's own draft, taken now (issue 16 §3, R8).
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { expectedWindow } from '../change-requests/business-days';
import type { UpcomingInvoice } from '../../shared/schemas/upcoming-invoice.schema';
import { billToOf, draftNextInvoice, type InvoiceDraft } from './billing-run';
import { addInterval, endOfDay } from './periods';

const amountsOf = ({ billTo: _billTo, ...draft }: InvoiceDraft) => draft;

/**
 * What the billing run will issue next for the account: the subscriptions that renew (active, not
 * cancelled at period end) in the run's order (period end, then id); the first is "the next invoice",
 * the others due at the same instant are in `more`. Every figure and the bill-to come from
 * draftNextInvoice, the function the run inserts from, so the preview equals what is then issued.
 * Throws not_found for an unknown account.
 */
export async function upcomingInvoice(db: Db, accountId: string, now: Date): Promise<UpcomingInvoice> {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new ApiError('not_found');
  const renewing = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .where('cancel_at_period_end', '=', 0)
    .orderBy('current_period_end')
    .orderBy('id')
    .execute();
  const first = renewing[0];
  const sameMoment = renewing.filter((s) => s.current_period_end === first?.current_period_end);
  const drafts = await Promise.all(sameMoment.map((sub) => draftNextInvoice(db, sub, account)));
  const [next, ...more] = drafts;
  let changeRequest: UpcomingInvoice['changeRequest'] = null;
  if (account.payment_type === 'invoice') {
    const { expectedBy } = expectedWindow(now);
    let reaches: string | null = null;
    if (first) {
      // A completion as late as the end of its expected day reaches the first cutoff after it (R8).
      const completedBy = endOfDay(expectedBy).getTime();
      let cutoff = first.current_period_end;
      while (Date.parse(cutoff) <= completedBy) cutoff = addInterval(cutoff, first.billing_interval);
      reaches = cutoff.slice(0, 10);
    }
    changeRequest = { expectedBy, reaches };
  }
  if (!next) {
    return {
      billingDate: null, cutoff: null, subscriptionId: null, periodStart: null, periodEnd: null, lines: [],
      subtotal: null, tax: null, taxRateBp: null, total: null, currency: null,
      billTo: billToOf(account), more: [], changeRequest,
    };
  }
  return {
    billingDate: next.periodStart.slice(0, 10),
    cutoff: next.periodStart,
    ...amountsOf(next),
    billTo: next.billTo,
    more: more.map(amountsOf),
    changeRequest,
  };
}
