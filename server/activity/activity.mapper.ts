// Audit rows → Account activity entries: the public action, the actor without e-mails, the changed fields.
import { COLUMN_OF } from '../accounts/account.mapper';
import type { ActivityActor, ActivityChange, ActivityEntry } from '../../shared/schemas/activity.schema';
import { activityActionOf } from './activity-actions';
import type { ActivityRow } from './activity.repository';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

/**
 * Operators (admin CLI, `admin.*` entries) and the billing run write without a person; staff who are not
 * members of the account are "support". Nobody's e-mail leaves: the audit's `actor_label` is never read.
 */
export function actorOf(row: ActivityRow): ActivityActor {
  if (row.actor_user_id === null) return row.action.startsWith('admin.') ? { type: 'operator' } : { type: 'system' };
  if (row.actor_is_support === 1 && row.actor_role === null) return { type: 'support' };
  const role = row.actor_role === 'holder' || row.actor_role === 'user' ? row.actor_role : null;
  return { type: 'person', name: row.actor_name ?? '', role };
}

const parse = (json: string | null): Record<string, unknown> => {
  const value = json ? JSON.parse(json) : null;
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
};

/**
 * The Billing page fields an entry changed, by contract path. An address whose six fields are all
 * recorded (every entry since issue 16) becomes one `…address` change with whole addresses; an older
 * entry that recorded only some keeps them one by one (`billing.address.city`).
 */
export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): ActivityChange[] {
  const paths = Object.keys(after).filter((p) => Object.hasOwn(COLUMN_OF, p));
  const changes: ActivityChange[] = [];
  const grouped = new Set<string>();
  for (const prefix of ['contact', 'billing']) {
    const fields = ADDRESS_FIELDS.map((f) => `${prefix}.address.${f}`);
    if (!fields.every((f) => f in before && f in after)) continue;
    const address = (side: Record<string, unknown>) =>
      Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, (side[`${prefix}.address.${f}`] as string | null) ?? (f === 'line1' || f === 'city' || f === 'country' ? '' : null)]));
    fields.forEach((f) => grouped.add(f));
    const b = address(before);
    const a = address(after);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field: `${prefix}.address`, before: b as ActivityChange['before'], after: a as ActivityChange['after'] });
  }
  for (const path of paths) {
    if (grouped.has(path)) continue;
    changes.push({ field: path, before: (before[path] ?? null) as ActivityChange['before'], after: (after[path] ?? null) as ActivityChange['after'] });
  }
  // The Billing page's own order, so the same change reads the same way every time.
  const order = Object.keys(COLUMN_OF);
  const rank = (field: string) => {
    const i = order.findIndex((p) => p === field || p.startsWith(`${field}.`));
    return i === -1 ? order.length : i;
  };
  return changes.sort((x, y) => rank(x.field) - rank(y.field));
}

export function toActivityEntry(row: ActivityRow): ActivityEntry {
  const action = activityActionOf(row.action) ?? row.action;
  const before = parse(row.before);
  const after = parse(row.after);
  const entry: ActivityEntry = { id: row.id, at: row.at, actor: actorOf(row), action };
  if (action === 'billing_page.updated' || action.startsWith('proposal.')) {
    const changes = changesOf(before, after);
    if (changes.length || action === 'billing_page.updated') entry.changes = changes;
  }
  if ((action.startsWith('change_request.') || action === 'billing_page.updated') && row.target) entry.caseNumber = row.target;
  if (action.startsWith('invoice.') && row.target) {
    entry.invoiceNumber = row.target;
    if (typeof after.total === 'number' && typeof after.currency === 'string') Object.assign(entry, { total: after.total, currency: after.currency });
  }
  if (action.startsWith('subscription.') && row.product) entry.product = row.product;
  if ((action === 'change_request.rejected' || action === 'proposal.declined') && typeof after.reason === 'string') entry.reason = after.reason;
  return entry;
}
