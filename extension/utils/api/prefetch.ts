// Starts a page's Billing fetch before the first render, from the snapshot, for the hook that wants it to pick up.
import type { BillingPage } from '../../../shared/api-types';
import { isExpired } from '../profiles';
import { readSnapshot } from '../snapshot';
import { billingApi } from './client';

const started = new Map<string, Promise<BillingPage>>();

/**
 * Starts GET billing for the snapshot's active account (or `accountId`) when the snapshot says someone
 * is signed in with a live session; the request itself reads the token from storage.local as any call.
 */
export function prefetchBillingPage(accountId?: string | null): void {
  const snap = readSnapshot();
  const id = accountId ?? snap?.activeAccountId;
  if (!id || !snap?.session || isExpired(snap.session.expiresAt) || !snap.profiles.some((p) => p.accountId === id)) return;
  if (started.has(id)) return;
  const fetching = billingApi.get(id);
  fetching.catch(() => undefined); // Handled by whoever takes it; never an unhandled rejection.
  started.set(id, fetching);
}

/** The prefetched answer for `accountId`, once (later reloads fetch anew), else a new request. */
export function takeBillingPage(accountId: string): Promise<BillingPage> {
  const fetching = started.get(accountId);
  started.delete(accountId);
  return fetching ?? billingApi.get(accountId);
}
