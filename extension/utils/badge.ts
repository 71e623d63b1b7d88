// The toolbar badge for the active profile: what needs the holder's attention, as a count and a tooltip.
import type { ChangeRequest, Profile } from '../../shared/api-types';
import { getLocale, profileName, t, type MessageKey } from './i18n';

/** What needs attention on the holder's account; members see none of it (R4), so they have none. */
export interface Attention {
  openChangeRequests: number;
  /** Completed or rejected change requests the holder has not seen yet (issue 15 §5). */
  resolvedChangeRequests: number;
  pendingCancellations: number;
  unpaidInvoices: number;
}

export interface BadgeState {
  /** The active profile; undefined when signed out or no account is chosen. */
  profile?: Pick<Profile, 'companyName' | 'role'>;
  /** Undefined until the API has answered (or when it could not). */
  attention?: Attention;
}

export interface Badge {
  text: string;
  title: string;
}

const LINES: [keyof Attention, MessageKey, MessageKey][] = [
  ['openChangeRequests', 'badge.changeRequestOne', 'badge.changeRequestOther'],
  ['resolvedChangeRequests', 'badge.resolvedOne', 'badge.resolvedOther'],
  ['pendingCancellations', 'badge.cancellationOne', 'badge.cancellationOther'],
  ['unpaidInvoices', 'badge.unpaidOne', 'badge.unpaidOther'],
];

function plural(count: number, one: MessageKey, other: MessageKey): string {
  return t(new Intl.PluralRules(getLocale()).select(count) === 'one' ? one : other, { count });
}

export function badgeFor(state: BadgeState): Badge {
  const appName = t('common.appName');
  if (!state.profile) return { text: '', title: appName };
  const heading = t('badge.heading', { app: appName, profile: profileName(state.profile) });
  const attention = state.profile.role === 'holder' ? state.attention : undefined;
  if (!attention) return { text: '', title: heading };
  const lines = LINES.filter(([field]) => attention[field] > 0).map(([field, one, other]) =>
    plural(attention[field], one, other),
  );
  if (lines.length === 0) return { text: '', title: `${heading}\n${t('badge.nothing')}` };
  const total = LINES.reduce((sum, [field]) => sum + attention[field], 0);
  return { text: total > 99 ? '99+' : String(total), title: [heading, ...lines].join('\n') };
}

/** How long a resolved case stays news: older ones (e.g. from before an upgrade) are not counted. */
export const RESOLVED_NEWS_DAYS = 30;

/**
 * Completed and rejected cases not yet seen by the holder (issue 15 §5: shown and counted until
 * seen), resolved within the last RESOLVED_NEWS_DAYS days before `now`.
 */
export function unseenResolvedCases<T extends Pick<ChangeRequest, 'id' | 'status' | 'resolvedAt'>>(
  items: T[],
  seen: readonly string[] = [],
  now: Date = new Date(),
): T[] {
  const since = now.getTime() - RESOLVED_NEWS_DAYS * 86_400_000;
  return items.filter(
    (item) =>
      (item.status === 'completed' || item.status === 'rejected') &&
      !seen.includes(item.id) &&
      item.resolvedAt !== null &&
      Date.parse(item.resolvedAt) >= since,
  );
}
