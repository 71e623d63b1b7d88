// The toolbar badge for the active profile: what needs the holder's attention, as a count and a tooltip.
import type { Profile } from '../../../shared/api-types';
import { getLocale, profileName, t, type MessageKey } from '../i18n/i18n';

/** What needs attention on the holder's account; members see none of it (R4), so they have none. */
export interface Attention {
  openChangeRequests: number;
  /** Completed or rejected change requests the holder has not seen yet (issue 15 §5). */
  resolvedChangeRequests: number;
  pendingCancellations: number;
  unpaidInvoices: number;
  /** Members' proposals waiting for the holder's decision (issue 16 §2). */
  pendingProposals: number;
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
  ['pendingProposals', 'badge.proposalOne', 'badge.proposalOther'],
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
