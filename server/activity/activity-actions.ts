// Which audit entries Account activity shows, and under which public action name (issue 16 §1).

/**
 * Audit action (as written since the start; never renamed, so old rows keep their meaning) → the action
 * Account activity answers with. Security events (sign-ins, refusals), staff reads and operator
 * commands are absent on purpose: they are not the account's activity.
 */
export const ACTIVITY_ACTION_OF: Readonly<Record<string, string>> = {
  'billing_page.updated': 'billing_page.updated',
  'change_request.created': 'change_request.filed',
  'change_request.completed': 'change_request.completed',
  'change_request.rejected': 'change_request.rejected',
  'change_request.withdrawn': 'change_request.withdrawn',
  'subscription.cancel': 'subscription.cancelled',
  'subscription.resume': 'subscription.resumed',
  'invoice.issued': 'invoice.issued',
  // A card charged by the billing run, and a transfer support confirmed: both are the invoice being paid.
  'invoice.paid': 'invoice.paid',
  'invoice.marked_paid': 'invoice.paid',
};

/** Proposals (issue 16 §2) keep their audit name: `proposal.submitted` is shown as `proposal.submitted`. */
const SHOWN_PREFIXES = ['proposal.'];

/** The public action of an audit entry, or undefined when Account activity does not show it. */
export function activityActionOf(auditAction: string): string | undefined {
  if (Object.hasOwn(ACTIVITY_ACTION_OF, auditAction)) return ACTIVITY_ACTION_OF[auditAction];
  return SHOWN_PREFIXES.some((p) => auditAction.startsWith(p)) ? auditAction : undefined;
}
