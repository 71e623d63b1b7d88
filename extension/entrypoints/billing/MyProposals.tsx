// A member's own proposals on the Billing page: pending ones with Withdraw, and how the others ended.
import type { BillingPage, Proposal } from '../../../shared/api-types';
import type { ProposalsState } from '../../hooks/useProposals';
import { proposalsApi } from '../../utils/api/proposals';
import { asApiError } from '../../utils/api/api-error';
import { errorMessage, formatDate } from '../../utils/i18n/format';
import { t } from '../../utils/i18n/i18n';
import { ProposalChanges } from './ProposalChanges';

type Report = (status: { kind: 'success' | 'error'; text: string }) => void;

function outcome(p: Proposal): string {
  const date = formatDate(p.resolvedAt ?? p.createdAt);
  if (p.status === 'approved') return t('proposals.approvedOn', { date });
  if (p.status === 'declined') return t('proposals.declinedOn', { date, reason: p.declineReason ?? '' });
  if (p.status === 'withdrawn') return t('proposals.withdrawnOn', { date });
  return t('proposals.pendingSince', { date: formatDate(p.createdAt) });
}

export function MyProposals({ page, proposals, report }: { page: BillingPage; proposals: ProposalsState; report: Report }) {
  if (proposals.items.length === 0) return null;
  async function withdraw(p: Proposal) {
    try {
      await proposalsApi.withdraw(page.accountId, p.id);
      report({ kind: 'success', text: t('proposals.withdrawn') });
    } catch (e) {
      report({ kind: 'error', text: errorMessage(asApiError(e).code) });
    }
    await proposals.reload();
  }
  return (
    <section id="my-proposals" aria-labelledby="my-proposals-heading">
      <h2 id="my-proposals-heading">{t('proposals.mineTitle')}</h2>
      <ul class="cases">
        {proposals.items.slice(0, 10).map((p) => (
          <li key={p.id} class="proposal" data-testid="my-proposal">
            <p>
              <span class={`badge ${p.status}`}>{t(`proposals.status.${p.status}`)}</span> {outcome(p)}
            </p>
            <ProposalChanges changes={p.changes} page={page} />
            {p.status === 'pending' && (
              <div class="actions">
                <button type="button" class="secondary" onClick={() => void withdraw(p)}>{t('proposals.withdraw')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
