// Subscriptions page (R11): the holder sees each subscription, cancels it at period end, or resumes it.
import { useEffect, useState } from 'preact/hooks';
import type { Subscription } from '../../../shared/api-types';
import { HolderOnlyPage, type HolderContext } from '../../components/HolderOnlyPage';
import { StatusRegion } from '../../components/StatusRegion';
import { useSubscriptions, type SubscriptionAction } from '../../hooks/useSubscriptions';
import { asApiError } from '../../utils/api/api-error';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { profileName, t } from '../../utils/i18n/i18n';
import { CancelDialog } from './CancelDialog';
import { actionButtonId, SubscriptionTable } from './SubscriptionTable';

type Status = { kind: 'success' | 'error'; text: string } | null;

function Subscriptions({ accountId, profile }: HolderContext) {
  const subs = useSubscriptions(accountId);
  const [confirming, setConfirming] = useState<Subscription | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const company = profile ? profileName(profile) : '';

  useEffect(() => {
    // The button just pressed changed from Cancel to Resume (or back): keep the focus on it.
    if (focusId && !busyId) document.getElementById(actionButtonId(focusId))?.focus();
  }, [focusId, busyId, subs.items]);

  async function run(subscription: Subscription, action: SubscriptionAction) {
    setBusyId(subscription.id);
    setStatus(null);
    try {
      const updated = await subs.act(subscription.id, action);
      setStatus({
        kind: 'success',
        text:
          action === 'cancel'
            ? t('subscriptions.canceledStatus', { product: updated.product, date: formatDate(updated.currentPeriodEnd) })
            : t('subscriptions.resumedStatus', { product: updated.product }),
      });
    } catch (e) {
      setStatus({ kind: 'error', text: errorMessage(asApiError(e).code) });
    } finally {
      setConfirming(null);
      setBusyId(null);
      setFocusId(subscription.id);
    }
  }

  const loadError: Status = subs.error ? { kind: 'error', text: errorMessage(subs.error.code) } : null;

  return (
    <main class="wide">
      <h1>
        {t('subscriptions.title')}
        {company ? ` — ${company}` : ''}
      </h1>
      <StatusRegion status={status ?? loadError} />
      {!subs.loaded && <p class="muted">{t('common.loading')}</p>}
      {subs.loaded && !subs.error && subs.items.length === 0 && <p>{t('subscriptions.empty')}</p>}
      {subs.error && (
        <button type="button" onClick={() => void subs.reload()}>
          {t('account.retry')}
        </button>
      )}
      {subs.items.length > 0 && (
        <SubscriptionTable
          caption={t('subscriptions.caption', { company })}
          items={subs.items}
          busyId={busyId}
          onCancel={(s) => setConfirming(s)}
          onResume={(s) => void run(s, 'resume')}
        />
      )}
      <CancelDialog
        subscription={confirming}
        busy={!!confirming && busyId === confirming.id}
        onConfirm={(s) => void run(s, 'cancel')}
        onClose={() => {
          if (!busyId) setConfirming(null);
        }}
      />
    </main>
  );
}

export function App() {
  return (
    <HolderOnlyPage title="subscriptions.title" memberReason="profile.memberSubscriptionsReason">
      {(context) => <Subscriptions {...context} />}
    </HolderOnlyPage>
  );
}
