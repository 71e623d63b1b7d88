// The subscriptions list: price, interval, status (with a pending cancellation's date) and the one action.
import type { Subscription } from '../../../shared/api-types';
import { formatDate, formatMoney } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

interface SubscriptionTableProps {
  caption: string;
  items: Subscription[];
  busyId: string | null;
  onCancel: (subscription: Subscription) => void;
  onResume: (subscription: Subscription) => void;
}

export const actionButtonId = (subscriptionId: string) => `subscription-action-${subscriptionId}`;

function StatusBadge({ subscription: s }: { subscription: Subscription }) {
  if (s.status === 'canceled') return <span class="badge">{t('subscriptions.canceled')}</span>;
  if (s.cancelAtPeriodEnd) {
    return (
      <span class="badge pending" data-testid="pending-cancel">
        {t('subscriptions.cancelsOn', { date: formatDate(s.currentPeriodEnd) })}
      </span>
    );
  }
  return <span class="badge active">{t('subscriptions.active')}</span>;
}

export function SubscriptionTable({ caption, items, busyId, onCancel, onResume }: SubscriptionTableProps) {
  return (
    <table class="data" data-testid="subscriptions">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('subscriptions.product')}</th>
          <th scope="col">{t('subscriptions.price')}</th>
          <th scope="col">{t('subscriptions.status')}</th>
          <th scope="col">{t('subscriptions.periodEnd')}</th>
          <th scope="col"><span class="visually-hidden">{t('subscriptions.cancel')}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.product}</th>
            <td>
              {t('subscriptions.seatsTimesPrice', { seats: s.seats, price: formatMoney(s.unitPrice, s.currency) })}{' '}
              {t(s.interval === 'year' ? 'subscriptions.perYear' : 'subscriptions.perMonth')}
            </td>
            <td>
              <StatusBadge subscription={s} />
            </td>
            <td>{s.status === 'active' ? formatDate(s.currentPeriodEnd) : ''}</td>
            <td>
              {s.status === 'active' && (
                <button
                  type="button"
                  id={actionButtonId(s.id)}
                  class="secondary"
                  disabled={busyId === s.id}
                  onClick={() => (s.cancelAtPeriodEnd ? onResume(s) : onCancel(s))}
                >
                  {busyId === s.id
                    ? t('subscriptions.working')
                    : t(s.cancelAtPeriodEnd ? 'subscriptions.resume' : 'subscriptions.cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
