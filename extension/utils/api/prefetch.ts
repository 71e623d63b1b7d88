// Starts a page's first fetch before the first render, from the snapshot, for the hook that wants it to pick up.
import type { BillingPage, Receipt } from '../../../shared/api-types';
import { isExpired } from '../profiles';
import type { ReceiptQuery } from '../receipt-query';
import { readSnapshot } from '../snapshot';
import { billingApi } from './client';
import { invoicesApi, type InvoiceDetail } from './invoices';

/** Fetches started before the first render, by what they fetch (`billing <account>`…), each taken once. */
const started = new Map<string, Promise<unknown>>();

/** The snapshot's profile on `accountId` when someone is signed in with a live session, else undefined. */
function snapshotProfile(accountId: string | null | undefined) {
  const snap = readSnapshot();
  if (!accountId || !snap?.session || isExpired(snap.session.expiresAt)) return undefined;
  return snap.profiles.find((p) => p.accountId === accountId);
}

function start(key: string, fetch: () => Promise<unknown>): void {
  if (started.has(key)) return;
  const fetching = fetch();
  fetching.catch(() => undefined); // Handled by whoever takes it; never an unhandled rejection.
  started.set(key, fetching);
}

/** The answer started for `key`, once (a reload or a retry fetches anew), else `fetch()` now. */
function take<T>(key: string, fetch: () => Promise<T>): Promise<T> {
  const fetching = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return fetching ?? fetch();
}

/**
 * Starts GET billing for the snapshot's active account (or `accountId`) when the snapshot says someone
 * is signed in with a live session; the request itself reads the token from storage.local as any call.
 */
export function prefetchBillingPage(accountId?: string | null): void {
  const id = accountId ?? readSnapshot()?.activeAccountId;
  if (id && snapshotProfile(id)) start(`billing ${id}`, () => billingApi.get(id));
}

/** The prefetched Billing page of `accountId`, once, else a new request. */
export function takeBillingPage(accountId: string): Promise<BillingPage> {
  return take(`billing ${accountId}`, () => billingApi.get(accountId));
}

/** Why a receipt page has nothing to show, beyond an API error. */
export type ReceiptGap = 'noInvoice' | 'noPaidInvoice';
/** What a receipt page shows: the receipt, or why there is none (no such invoice, nothing paid yet). */
export type ReceiptAnswer = { receipt: Receipt } | { gap: ReceiptGap };

/** Resolves `?invoice=` or `?latest=1` (the newest paid invoice) to its receipt; rejects with ApiError. */
export async function fetchReceipt(accountId: string, query: ReceiptQuery): Promise<ReceiptAnswer> {
  const id = query.invoiceId ?? (query.latest ? (await invoicesApi.latestPaid(accountId))?.id : undefined);
  if (!id) return { gap: query.latest ? 'noPaidInvoice' : 'noInvoice' };
  return { receipt: await invoicesApi.receipt(accountId, id) };
}

const receiptKey = (accountId: string, q: ReceiptQuery) => `receipt ${accountId} ${q.invoiceId ?? ''} ${q.latest}`;
const invoiceKey = (accountId: string, invoiceId: string) => `invoice ${accountId} ${invoiceId}`;

/**
 * The holder-only pages (R4) start their fetch before the first render only when the snapshot says the
 * signed-in person holds the account: a member's page asks nothing the server would refuse and audit.
 */
const holds = (accountId: string | null): accountId is string => !!accountId && snapshotProfile(accountId)?.role === 'holder';

/** Starts the receipt page's fetch (see `holds`). */
export function prefetchReceipt(accountId: string | null, query: ReceiptQuery): void {
  if (holds(accountId)) start(receiptKey(accountId, query), () => fetchReceipt(accountId, query));
}

/** The prefetched receipt for this account and query, once, else a new request. */
export function takeReceipt(accountId: string, query: ReceiptQuery): Promise<ReceiptAnswer> {
  return take(receiptKey(accountId, query), () => fetchReceipt(accountId, query));
}

/** Starts the Invoice page's fetch (see `holds`). */
export function prefetchInvoice(accountId: string | null, invoiceId: string | null): void {
  if (holds(accountId) && invoiceId) start(invoiceKey(accountId, invoiceId), () => invoicesApi.get(accountId, invoiceId));
}

/** The prefetched invoice, once, else a new request. */
export function takeInvoice(accountId: string, invoiceId: string): Promise<InvoiceDetail> {
  return take(invoiceKey(accountId, invoiceId), () => invoicesApi.get(accountId, invoiceId));
}
