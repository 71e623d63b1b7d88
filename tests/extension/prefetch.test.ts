// Fetches started before the first render: only for a holder's own pages, taken once, never for a member or a signed-out page.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MemoryStorage } from '../helpers/memory-storage';

let storage: typeof import('../../extension/utils/storage');
let snapshot: typeof import('../../extension/utils/snapshot');
let prefetch: typeof import('../../extension/utils/api/prefetch');

const user = { id: 'u1', email: 'bob@acme.test', name: 'Bob', locale: 'en' as const, isSupport: false };
const latest = { invoiceId: null, latest: true, print: false };
/** Every path the page asked the API for. */
let asked: string[] = [];

beforeAll(async () => {
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('localStorage', new MemoryStorage());
  storage = await import('../../extension/utils/storage');
  snapshot = await import('../../extension/utils/snapshot');
  prefetch = await import('../../extension/utils/api/prefetch');
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url).pathname + new URL(url).search;
    asked.push(path);
    const body = path.endsWith('/receipt') ? { receiptNumber: 'RC-2026-000001' } : path.includes('/invoices?') ? { items: [{ id: 'inv-9' }] } : { id: 'inv-9' };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});

beforeEach(async () => {
  fakeBrowser.reset();
  snapshot.clearSnapshot();
  asked = [];
  await storage.serverUrlItem.setValue('http://127.0.0.1:8787');
  await storage.sessionItem.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 't', expiresAt: '2099-01-01T00:00:00Z', user });
  await storage.profilesItem.setValue([
    { accountId: 'bikes', companyName: "Bob's Bikes", role: 'holder' },
    { accountId: 'acme', companyName: 'Acme Corp', role: 'user' },
  ]);
  await snapshot.keepSnapshotCurrent();
});

describe('prefetching a holder-only page', () => {
  it("starts the holder's receipt at once and hands that answer over once", async () => {
    prefetch.prefetchReceipt('bikes', latest);
    await vi.waitFor(() => expect(asked.length).toBeGreaterThan(0)); // before anyone asked for it
    const answer = await prefetch.takeReceipt('bikes', latest);
    expect(answer).toEqual({ receipt: { receiptNumber: 'RC-2026-000001' } });
    expect(asked).toEqual(['/api/v1/accounts/bikes/invoices?limit=1&status=paid', '/api/v1/accounts/bikes/invoices/inv-9/receipt']);
    await prefetch.takeReceipt('bikes', latest); // a retry asks again
    expect(asked).toHaveLength(4);
  });

  it("asks nothing for a member's receipt or invoice page (the server would refuse and audit it)", async () => {
    prefetch.prefetchReceipt('acme', latest);
    prefetch.prefetchInvoice('acme', 'inv-1');
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]);
  });

  it('asks nothing for an account with no profile, or when nobody is signed in', async () => {
    prefetch.prefetchInvoice('globex', 'inv-1');
    snapshot.clearSnapshot();
    prefetch.prefetchReceipt('bikes', latest);
    prefetch.prefetchBillingPage('bikes');
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]);
  });

  it('does not hand one invoice over for another', async () => {
    prefetch.prefetchInvoice('bikes', 'inv-1');
    await prefetch.takeInvoice('bikes', 'inv-2');
    expect(asked).toEqual(['/api/v1/accounts/bikes/invoices/inv-1', '/api/v1/accounts/bikes/invoices/inv-2']);
  });
});
