// Complete (after one confirmation) or reject (with a reason of 1 to 1000 characters); a case resolved meanwhile is shown, not an error.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SupportCaseView } from '../../../shared/api-types';
import { LIMITS } from '../../../shared/fields';
import { TextAreaField } from '../../components/TextAreaField';
import { ApiError } from '../../utils/api/client';
import { errorMessage, problemMessage, serverFieldProblem } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { supportApi } from '../../utils/api/support';
import type { Status } from './App';
import { resolutionText } from './resolution';

interface Props {
  view: SupportCaseView;
  onStatus: (status: Status) => void;
  /** Called after the case left `open` (here or by someone else): the message is made from the case read again. */
  onDone: (message: (fresh: SupportCaseView) => string) => Promise<void>;
}

export function CaseActions({ view, onStatus, onDone }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const completeButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function act(run: () => Promise<unknown>, done: (fresh: SupportCaseView) => string) {
    setBusy(true);
    try {
      await run();
      await onDone(done);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_resolved') {
        await onDone((fresh) => resolutionText(fresh, 'support.resolvedAlready'));
      } else if (err instanceof ApiError && err.errors[0]?.path === 'reason') {
        const p = serverFieldProblem(err.errors[0].message, 'reason');
        setProblem(problemMessage(p.problem, p.max));
      } else {
        onStatus({ kind: 'error', text: errorMessage(err instanceof ApiError ? err.code : 'unknown') });
      }
    } finally {
      setBusy(false);
    }
  }

  const reject = () => {
    if (!reason.trim()) return setProblem(problemMessage('required'));
    if (reason.length > LIMITS.reason) return setProblem(problemMessage('too_long', LIMITS.reason));
    setProblem(undefined);
    void act(() => supportApi.reject(view.id, reason), () => t('support.rejected', { caseNumber: view.caseNumber }));
  };

  return (
    <div data-testid="case-actions">
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby="confirm-complete">
          <p id="confirm-complete">{t('support.confirmComplete', { caseNumber: view.caseNumber })}</p>
          <div class="actions">
            <button
              type="button"
              ref={confirmButton}
              disabled={busy}
              onClick={() => void act(() => supportApi.complete(view.id), () => t('support.completed', { caseNumber: view.caseNumber }))}
            >
              {t('support.confirmCompleteButton')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setConfirming(false);
                setTimeout(() => completeButton.current?.focus());
              }}
            >
              {t('support.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button type="button" ref={completeButton} disabled={busy} onClick={() => setConfirming(true)}>
            {t('support.complete')}
          </button>
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          reject();
        }}
      >
        <TextAreaField id="reject-reason" label={t('support.reason')} value={reason} onInput={setReason} problem={problem} required maxLength={LIMITS.reason} />
        <div class="actions">
          <button type="submit" class="danger" disabled={busy}>
            {t('support.reject')}
          </button>
        </div>
      </form>
    </div>
  );
}
