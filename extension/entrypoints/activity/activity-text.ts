// The words of one activity entry: its actor and what happened (each change's label: components/FieldChange.tsx).
import type { ActivityActor, ActivityEntry } from '../../../shared/api-types';
import { formatMoney } from '../../utils/i18n/format';
import { t, type MessageKey } from '../../utils/i18n/i18n';

/** "Ada Lovelace (account holder)", "Support", "Operator": staff and operators are never named. */
export function actorText(actor: ActivityActor): string {
  if (actor.type !== 'person') return t(`activity.${actor.type}`);
  const role = actor.role === 'holder' ? t('activity.holder') : actor.role === 'user' ? t('activity.user') : t('activity.formerMember');
  return t('activity.person', { name: actor.name, role });
}

const ACTION_KEYS: Record<string, MessageKey> = {
  'billing_page.updated': 'activity.billingPageUpdated',
  'change_request.filed': 'activity.changeRequestFiled',
  'change_request.completed': 'activity.changeRequestCompleted',
  'change_request.rejected': 'activity.changeRequestRejected',
  'change_request.withdrawn': 'activity.changeRequestWithdrawn',
  'subscription.cancelled': 'activity.subscriptionCancelled',
  'subscription.resumed': 'activity.subscriptionResumed',
  'invoice.issued': 'activity.invoiceIssued',
  'invoice.paid': 'activity.invoicePaid',
  'proposal.submitted': 'activity.proposalSubmitted',
  'proposal.approved': 'activity.proposalApproved',
  'proposal.declined': 'activity.proposalDeclined',
  'proposal.withdrawn': 'activity.proposalWithdrawn',
};

/** What happened, in one sentence; an action this version does not know yet (a new `proposal.*`) by its name. */
export function actionText(entry: ActivityEntry): string {
  const amount = entry.total !== undefined && entry.currency ? formatMoney(entry.total, entry.currency) : '';
  const params = { caseNumber: entry.caseNumber ?? '', number: entry.invoiceNumber ?? '', product: entry.product ?? '', reason: entry.reason ?? '', amount, action: entry.action };
  if (entry.action === 'billing_page.updated' && entry.caseNumber) return t('activity.billingPageUpdatedCase', params);
  return t(ACTION_KEYS[entry.action] ?? 'activity.other', params);
}
