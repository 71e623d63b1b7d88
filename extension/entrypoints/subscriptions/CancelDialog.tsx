// The modal confirmation before cancelling: says when service ends; "Keep" has the focus, Escape keeps.
import { useEffect, useRef } from 'preact/hooks';
import type { Subscription } from '../../../shared/api-types';
import { formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';

interface CancelDialogProps {
  subscription: Subscription | null;
  busy: boolean;
  onConfirm: (subscription: Subscription) => void;
  onClose: () => void;
}

export function CancelDialog({ subscription, busy, onConfirm, onClose }: CancelDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (subscription && !element.open) {
      element.showModal();
      keep.current?.focus();
    } else if (!subscription && element.open) {
      element.close();
    }
  }, [subscription]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="cancel-title"
      aria-describedby="cancel-text"
      data-testid="cancel-dialog"
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
    >
      {subscription && (
        <>
          <h2 id="cancel-title">{t('subscriptions.confirmTitle', { product: subscription.product })}</h2>
          <p id="cancel-text">
            {t('subscriptions.confirmText', { date: formatDate(subscription.currentPeriodEnd) })}{' '}
            {t('subscriptions.confirmResume')}
          </p>
          <div class="actions">
            <button type="button" ref={keep} class="secondary" onClick={onClose} disabled={busy}>
              {t('subscriptions.confirmNo')}
            </button>
            <button type="button" class="danger" onClick={() => onConfirm(subscription)} disabled={busy}>
              {busy ? t('subscriptions.working') : t('subscriptions.confirmYes')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
