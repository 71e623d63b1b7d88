// The toolbar badge: what it says for each state (pure), and how it is refreshed (WXT's fake browser).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { badgeFor } from '../../extension/utils/background/badge';
import { unseenResolvedCases } from '../../extension/utils/seen-cases';
import { setLocale } from '../../extension/utils/i18n/i18n';

const holder = { companyName: 'Acme Corp', role: 'holder' as const };
const member = { companyName: 'Acme Corp', role: 'user' as const };
const none = { openChangeRequests: 0, resolvedChangeRequests: 0, pendingCancellations: 0, unpaidInvoices: 0, pendingProposals: 0 };

describe('badgeFor', () => {
  afterEach(() => setLocale('en'));

  it('is empty when signed out', () => {
    expect(badgeFor({})).toEqual({ text: '', title: 'Fastpath' });
  });

  it('shows nothing for a member, whose tooltip only names the profile (R4)', () => {
    expect(badgeFor({ profile: member, attention: { ...none, unpaidInvoices: 3 } })).toEqual({
      text: '',
      title: 'Fastpath — User of Acme Corp',
    });
  });

  it('says so when nothing needs the holder’s attention', () => {
    expect(badgeFor({ profile: holder, attention: none })).toEqual({
      text: '',
      title: 'Fastpath — Acme Corp\nNothing needs your attention.',
    });
  });

  it('counts every item and lists each kind in the tooltip, singular or plural', () => {
    const badge = badgeFor({
      profile: holder,
      attention: { openChangeRequests: 1, resolvedChangeRequests: 2, pendingCancellations: 2, unpaidInvoices: 1, pendingProposals: 2 },
    });
    expect(badge.text).toBe('8');
    expect(badge.title.split('\n')).toEqual([
      'Fastpath — Acme Corp',
      '2 proposed changes waiting for your decision',
      '1 open billing change request',
      '2 change requests resolved since you last looked',
      '2 subscriptions end at the end of their period',
      '1 unpaid invoice',
    ]);
  });

  it('names only the kinds present, and caps the count at 99+', () => {
    const badge = badgeFor({ profile: holder, attention: { ...none, unpaidInvoices: 120 } });
    expect(badge).toEqual({ text: '99+', title: 'Fastpath — Acme Corp\n120 unpaid invoices' });
  });

  it('counts the members’ pending proposals for the holder, with a line naming them', () => {
    expect(badgeFor({ profile: holder, attention: { ...none, pendingProposals: 1 } })).toEqual({
      text: '1',
      title: 'Fastpath — Acme Corp\n1 proposed change waiting for your decision',
    });
    setLocale('fr');
    expect(badgeFor({ profile: holder, attention: { ...none, pendingProposals: 3 } }).title).toBe(
      'Fastpath — Acme Corp\n3\u00a0modifications proposées attendent votre décision',
    );
  });

  it('speaks French when French is chosen', () => {
    setLocale('fr');
    const badge = badgeFor({ profile: holder, attention: { ...none, openChangeRequests: 2 } });
    expect(badge.title).toBe('Fastpath — Acme Corp\n2 demandes de modification de facturation en cours');
  });
});

describe('unseenResolvedCases', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const items = [
    { id: 'open', status: 'open' as const, resolvedAt: null },
    { id: 'done', status: 'completed' as const, resolvedAt: at(1) },
    { id: 'no', status: 'rejected' as const, resolvedAt: at(29) },
    { id: 'gone', status: 'withdrawn' as const, resolvedAt: at(1) },
    { id: 'old', status: 'completed' as const, resolvedAt: at(31) },
  ];

  it('keeps completed and rejected cases of the last 30 days that were not seen', () => {
    expect(unseenResolvedCases(items, [], now).map((i) => i.id)).toEqual(['done', 'no']);
    expect(unseenResolvedCases(items, ['done'], now).map((i) => i.id)).toEqual(['no']);
  });
});

describe('refreshing the badge', () => {
  // Loaded after the fake browser is installed: `wxt/browser` picks up `chrome` when first imported.
  let refresh: typeof import('../../extension/utils/background/badge-refresh');
  let storage: typeof import('../../extension/utils/storage');
  const requested: string[] = [];
  /** The icon paths set on the toolbar, newest last (WXT's fake browser has no setIcon). */
  const icons: unknown[] = [];

  function answer(url: string): unknown {
    if (url.includes('/change-requests')) {
      const resolvedAt = new Date().toISOString();
      const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
      return {
        items: [
          { id: 'cr1', status: 'open', resolvedAt: null },
          { id: 'cr2', status: 'completed', resolvedAt },
          { id: 'cr3', status: 'withdrawn', resolvedAt },
          // Resolved more than 30 days ago (e.g. before the upgrade that brought the count): not news.
          { id: 'cr4', status: 'rejected', resolvedAt: longAgo },
        ],
      };
    }
    if (url.includes('/subscriptions'))
      return { items: [{ status: 'active', cancelAtPeriodEnd: true }, { status: 'active', cancelAtPeriodEnd: false }] };
    if (url.includes('/invoices?')) return { items: [{ id: 'i1' }, { id: 'i2' }], nextCursor: null };
    if (url.includes('/proposals?')) return { items: [{ id: 'p1', status: 'pending' }], nextCursor: null };
    throw new Error(`unexpected ${url}`);
  }

  beforeAll(async () => {
    vi.stubGlobal('chrome', fakeBrowser);
    refresh = await import('../../extension/utils/background/badge-refresh');
    storage = await import('../../extension/utils/storage');
  });

  beforeEach(async () => {
    fakeBrowser.reset();
    requested.length = 0;
    icons.length = 0;
    fakeBrowser.action.setIcon = async ({ path }: { path?: unknown }) => void icons.push(path);
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
  });

  async function signIn(role: 'holder' | 'user') {
    await storage.profilesItem.setValue([{ accountId: 'acc1', companyName: 'Acme Corp', role }]);
    await storage.activeAccountIdItem.setValue('acc1');
    await storage.sessionItem.setValue({
      serverUrl: 'http://127.0.0.1:8787',
      token: 'secret',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: { id: 'u1', email: 'ada@acme.test', name: 'Ada', locale: 'en', isSupport: false },
    });
  }

  it('shows the holder’s open change request, unseen resolved one, pending cancellation, unpaid invoices and pending proposal', async () => {
    await signIn('holder');
    await refresh.refreshBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('6');
    expect(await fakeBrowser.action.getTitle({})).toContain('1 proposed change waiting for your decision');
    expect(requested.some((u) => /\/proposals\?.*status=pending/.test(u))).toBe(true);
    expect(await fakeBrowser.action.getTitle({})).toContain('1 open billing change request');
    expect(await fakeBrowser.action.getTitle({})).toContain('1 change request resolved since you last looked');
    expect(requested.some((u) => /\/invoices\?.*status=open/.test(u))).toBe(true);
  });

  it('stops counting a completed case once it has been seen, by itself, through the storage watch', async () => {
    refresh.watchBadge();
    await signIn('holder');
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('6'));
    await storage.markCasesSeen('acc1', ['cr2']);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('5'));
    expect(await fakeBrowser.action.getTitle({})).not.toContain('resolved');
    // Stored per account, and forgotten on sign-out with the rest of the personal data.
    expect(await storage.seenCasesItem.getValue()).toEqual({ acc1: ['cr2'] });
    await storage.clearPersonalData();
    expect(await storage.seenCasesItem.getValue()).toEqual({});
  });

  it('asks the API nothing for a member', async () => {
    await signIn('user');
    await refresh.refreshBadge();
    expect(requested).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Fastpath — User of Acme Corp');
  });

  it('clears on sign-out, by itself, through the storage watch', async () => {
    refresh.watchBadge();
    await signIn('holder');
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('6'));
    expect(icons.at(-1)).toEqual(refresh.iconPaths(true));
    await storage.clearPersonalData();
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    expect(await fakeBrowser.action.getTitle({})).toBe('Fastpath');
    expect(icons.at(-1)).toEqual({ 16: '/icon/16-signed-out.png', 32: '/icon/32-signed-out.png' });
  });

  it('refreshes on a 15-minute alarm, created once', async () => {
    await refresh.ensureBadgeAlarm();
    const first = await fakeBrowser.alarms.get(refresh.BADGE_ALARM);
    expect(first?.periodInMinutes).toBe(15);
    await refresh.ensureBadgeAlarm();
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    expect((await fakeBrowser.alarms.get(refresh.BADGE_ALARM))?.scheduledTime).toBe(first?.scheduledTime);

    refresh.watchBadge();
    await signIn('holder');
    await vi.waitFor(() => expect(requested.length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 300));
    requested.length = 0;
    await fakeBrowser.alarms.onAlarm.trigger(first!);
    await vi.waitFor(() => expect(requested).toHaveLength(4));
  });
});
