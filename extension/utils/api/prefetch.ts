// Starts a page's Billing or receipt fetch before the first render, from the snapshot, for the hook that wants it to pick up.
import type { BillingPage, Receipt } from '../../../shared/api-types';
import { isExpired } from '../profiles';
import type { ReceiptQuery } from '../receipt-query';
import { readSnapshot } from '../snapshot';
import { billingApi } from './client';
import { invoicesApi } from './invoices';

const started = new Map<string, Promise<BillingPage>>();

/** The snapshot's profile on `accountId` when someone is signed in with a live session, else undefined. */
function snapshotProfile(accountId: string | null | undefined) {
  const snap = readSnapshot();
  if (!accountId || !snap?.session || isExpired(snap.session.expiresAt)) return undefined;
  return snap.profiles.find((p) => p.accountId === accountId);
}

/**
 * Starts GET billing for the snapshot's active account (or `accountId`) when the snapshot says someone
 * is signed in with a live session; the request itself reads the token from storage.local as any call.
 */
export function prefetchBillingPage(accountId?: string | null): void {
  const id = accountId ?? readSnapshot()?.activeAccountId;
  if (!id || !snapshotProfile(id) || started.has(id)) return;
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

/** What a receipt page shows: the receipt, or why there is none (no such invoice, nothing paid yet). */
export type ReceiptAnswer = { receipt: Receipt } | { gap: ReceiptGap };
/** Why there is nothing to show, beyond an API error. */
export type ReceiptGap = 'noInvoice' | 'noPaidInvoice';

/** Resolves `?invoice=` or `?latest=1` (the newest paid invoice) to its receipt; rejects with ApiError. */
export async function fetchReceipt(accountId: string, query: ReceiptQuery): Promise<ReceiptAnswer> {
  const id = query.invoiceId ?? (query.latest ? (await invoicesApi.latestPaid(accountId))?.id : undefined);
  if (!id) return { gap: query.latest ? 'noPaidInvoice' : 'noInvoice' };
  return { receipt: await invoicesApi.receipt(accountId, id) };
}

let receiptStarted: { key: string; fetching: Promise<ReceiptAnswer> } | undefined;
const receiptKey = (accountId: string, q: ReceiptQuery) => `${accountId} ${q.invoiceId ?? ''} ${q.latest}`;

/**
 * Starts the receipt page's fetch before the first render when the snapshot says the signed-in person
 * holds the account (R4: a member's page asks nothing, so no refusal is audited for a prefetch).
 */
export function prefetchReceipt(accountId: string | null, query: ReceiptQuery): void {
  if (!accountId || snapshotProfile(accountId)?.role !== 'holder') return;
  const fetching = fetchReceipt(accountId, query);
  fetching.catch(() => undefined); // Handled by whoever takes it.
  receiptStarted = { key: receiptKey(accountId, query), fetching };
}

/** The prefetched receipt for this account and query, once (a retry fetches anew), else a new request. */
export function takeReceipt(accountId: string, query: ReceiptQuery): Promise<ReceiptAnswer> {
  const started = receiptStarted?.key === receiptKey(accountId, query) ? receiptStarted.fetching : undefined;
  receiptStarted = undefined;
  return started ?? fetchReceipt(accountId, query);
}
