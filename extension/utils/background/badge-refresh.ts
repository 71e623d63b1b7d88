// Keeps the toolbar badge current: asks the API what needs attention, on a 15-minute alarm, on sign-in/switch and when cases are seen.
import { browser } from 'wxt/browser';
import { badgeFor, type Attention, type BadgeState } from './badge';
import { changeRequestsApi } from '../api/change-requests';
import { applyChosenLocale } from '../i18n/chosen-locale';
import { activeProfile } from './fastpath-actions';
import { invoicesApi } from '../api/invoices';
import { proposalsApi } from '../api/proposals';
import { unseenResolvedCases } from '../seen-cases';
import { activeAccountIdItem, languageItem, profilesItem, seenCasesItem, sessionItem } from '../storage';
import { subscriptionsApi } from '../api/subscriptions';

export const BADGE_ALARM = 'fastpath-badge';
export const BADGE_PERIOD_MINUTES = 15;
const BADGE_COLOR = '#b3261e';

/** Counts of what needs the holder's attention; undefined when the API could not say. */
export async function loadAttention(accountId: string): Promise<Attention | undefined> {
  const seen = (await seenCasesItem.getValue())[accountId] ?? [];
  const [requests, subscriptions, unpaid, proposals] = await Promise.allSettled([
    changeRequestsApi.list(accountId),
    subscriptionsApi.list(accountId),
    invoicesApi.page(accountId, { status: 'open', limit: 100 }),
    proposalsApi.list(accountId, 'pending'),
  ]);
  if (requests.status === 'rejected' && subscriptions.status === 'rejected' && unpaid.status === 'rejected' && proposals.status === 'rejected') {
    return undefined;
  }
  return {
    openChangeRequests: requests.status === 'fulfilled' ? requests.value.filter((r) => r.status === 'open').length : 0,
    resolvedChangeRequests: requests.status === 'fulfilled' ? unseenResolvedCases(requests.value, seen).length : 0,
    pendingCancellations:
      subscriptions.status === 'fulfilled'
        ? subscriptions.value.filter((s) => s.status === 'active' && s.cancelAtPeriodEnd).length
        : 0,
    unpaidInvoices: unpaid.status === 'fulfilled' ? unpaid.value.items.length : 0,
    pendingProposals: proposals.status === 'fulfilled' ? proposals.value.length : 0,
  };
}

/** The toolbar icon: in colour while someone is signed in, greyed otherwise (extension/public/icon). */
export const iconPaths = (signedIn: boolean) => {
  const suffix = signedIn ? '' : '-signed-out';
  return { 16: `/icon/16${suffix}.png`, 32: `/icon/32${suffix}.png` };
};

async function applyBadge(state: BadgeState): Promise<void> {
  await applyChosenLocale();
  await browser.action.setIcon({ path: iconPaths(state.profile !== undefined || (await sessionItem.getValue()) !== null) });
  const badge = badgeFor(state);
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setTitle({ title: badge.title });
  if (badge.text) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
}

let generation = 0;

/** Reads the active profile and what needs attention, then paints; a newer refresh wins over an older one. */
export async function refreshBadge(): Promise<void> {
  const mine = ++generation;
  const profile = await activeProfile();
  if (!profile) return applyBadge({});
  // Members may not read any of it (R4): their badge only names the profile.
  const attention = profile.role === 'holder' ? await loadAttention(profile.accountId) : undefined;
  if (mine !== generation) return;
  // Signing out during the requests must not paint the old account's counts back.
  if (!(await activeProfile())) return applyBadge({});
  await applyBadge({ profile, attention });
}

/** The periodic alarm; created once, so a service worker restart does not push the next run back. */
export async function ensureBadgeAlarm(): Promise<void> {
  const existing = await browser.alarms.get(BADGE_ALARM);
  if (!existing) await browser.alarms.create(BADGE_ALARM, { periodInMinutes: BADGE_PERIOD_MINUTES });
}

/** Wires the refresh to the alarm and to sign-in, sign-out, profile and language changes, and to cases being seen. */
export function watchBadge(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BADGE_ALARM) void refreshBadge();
  });
  // Signing in writes three items at once: one refresh for the lot, not three.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshBadge(), 200);
  };
  for (const item of [sessionItem, activeAccountIdItem, profilesItem, languageItem, seenCasesItem]) item.watch(soon);
}
