// The holder's pending proposals on the Billing page: who proposed what, with Approve and Decline (with a reason).
import { useState } from 'preact/hooks';
import type { BillingPage, Proposal } from '../../../shared/api-types';
import { TextAreaField } from '../../components/TextAreaField';
import type { BillingPageState } from '../../hooks/useBillingPage';
import type { ProposalsState } from '../../hooks/useProposals';
import { proposalsApi } from '../../utils/api/proposals';
import { requestBadgeRefresh } from '../../utils/background/badge-message';
import { asApiError } from '../../utils/api/api-error';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { LIMITS } from '../../../shared/fields';
import { ProposalChanges } from './ProposalChanges';

type Report = (status: { kind: 'success' | 'error'; text: string }) => void;

function ProposalItem({ proposal, page, billing, proposals, report }: { proposal: Proposal; page: BillingPage; billing: BillingPageState; proposals: ProposalsState; report: Report }) {
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const headingId = `proposal-${proposal.id}`;

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await run();
      // The badge counts pending proposals: it should not wait for its 15-minute alarm.
      requestBadgeRefresh();
      report({ kind: 'success', text: done });
      await Promise.all([proposals.reload(), billing.reload()]);
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'version_mismatch') {
        // The page changed since the holder read it: show the page as saved now, and this proposal against it.
        setStale(true);
        await billing.reload();
        report({ kind: 'error', text: t('proposals.stale') });
      } else {
        if (error.errors.some((fe) => fe.path === 'reason')) setProblem(t('problems.required'));
        report({ kind: 'error', text: errorMessage(error.code) });
        if (error.code === 'already_resolved') await proposals.reload();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="proposal" aria-labelledby={headingId} data-testid="proposal">
      <h3 id={headingId}>{t('proposals.from', { name: proposal.proposedBy.name, date: formatDate(proposal.createdAt) })}</h3>
      {stale && <p class="note" data-testid="proposal-stale">{t('proposals.staleNote')}</p>}
      <ProposalChanges changes={proposal.changes} page={page} />
      {proposal.note && (
        <p class="pre-line">
          <strong>{t('proposals.noteLabel')}</strong> {proposal.note}
        </p>
      )}
      {!declining ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void act(() => proposalsApi.approve(page.accountId, proposal.id, page), t('proposals.approved'))}>
            {t('proposals.approve')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(true)}>
            {t('proposals.decline')}
          </button>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setProblem(t('problems.required'));
            void act(() => proposalsApi.decline(page.accountId, proposal.id, reason.trim()), t('proposals.declined'));
          }}
        >
          <TextAreaField id={`decline-${proposal.id}`} label={t('proposals.reason')} value={reason} required maxLength={LIMITS.reason}
            problem={problem} onInput={(v) => { setReason(v); setProblem(undefined); }} />
          <div class="actions">
            <button type="submit" class="danger" disabled={busy}>{t('proposals.confirmDecline')}</button>
            <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(false)}>{t('proposals.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

export function ProposalReview(props: { page: BillingPage; billing: BillingPageState; proposals: ProposalsState; report: Report }) {
  const pending = props.proposals.items.filter((p) => p.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <section id="proposals" aria-labelledby="proposals-heading" class="proposals">
      <h2 id="proposals-heading" tabIndex={-1}>{t('proposals.reviewTitle', { count: pending.length })}</h2>
      <p class="muted">{t('proposals.reviewIntro')}</p>
      <ul class="cases">
        {pending.map((p) => <ProposalItem key={p.id} proposal={p} {...props} />)}
      </ul>
    </section>
  );
}
