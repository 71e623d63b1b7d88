// The first-frame snapshot in localStorage: follows storage.local, never holds the token, and sign-out removes it.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MemoryStorage } from '../helpers/memory-storage';

let storage: typeof import('../../extension/utils/storage');
let session: typeof import('../../extension/utils/session');
let snapshot: typeof import('../../extension/utils/snapshot');

const local = new MemoryStorage();
const user = { id: 'u1', email: 'ada@acme.test', name: 'Ada', locale: 'en' as const, isSupport: false };
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('localStorage', local);
  storage = await import('../../extension/utils/storage');
  session = await import('../../extension/utils/session');
  snapshot = await import('../../extension/utils/snapshot');
  vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
});

beforeEach(async () => {
  fakeBrowser.reset();
  local.data.clear();
  snapshot.clearSnapshot();
  await storage.sessionItem.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'adas-secret-token', expiresAt: '2099-01-01T00:00:00Z', user });
  await storage.profilesItem.setValue([{ accountId: 'acc1', companyName: 'Acme Corp', role: 'holder' }]);
  await storage.activeAccountIdItem.setValue('acc1');
});

describe('the first-frame snapshot', () => {
  it('copies who is signed in, the profiles and the active account, without the token', async () => {
    await snapshot.keepSnapshotCurrent();
    const raw = local.getItem(snapshot.SNAPSHOT_KEY)!;
    expect(raw).not.toContain('adas-secret-token');
    expect(JSON.parse(raw)).toMatchObject({
      session: { user: { email: 'ada@acme.test' }, expiresAt: '2099-01-01T00:00:00Z' },
      profiles: [{ accountId: 'acc1', companyName: 'Acme Corp' }],
      activeAccountId: 'acc1',
    });
    expect(JSON.parse(raw).session).not.toHaveProperty('token');
  });

  it('follows storage.local when an item changes while the page is open', async () => {
    await snapshot.keepSnapshotCurrent();
    await storage.profilesItem.setValue([{ accountId: 'acc2', companyName: 'Globex', role: 'user' }]);
    await storage.activeAccountIdItem.setValue('acc2');
    await settle();
    expect(JSON.parse(local.getItem(snapshot.SNAPSHOT_KEY)!)).toMatchObject({ profiles: [{ accountId: 'acc2' }], activeAccountId: 'acc2' });
  });

  it('is gone the moment sign-out starts, before the server answers', async () => {
    await snapshot.keepSnapshotCurrent();
    expect(snapshot.readSnapshot()?.session).not.toBeNull();
    const out = session.signOut();
    expect(local.getItem(snapshot.SNAPSHOT_KEY)).toBeNull();
    await out;
    await settle();
    // Refreshed from storage.local afterwards: signed out, nothing personal.
    const after = JSON.parse(local.getItem(snapshot.SNAPSHOT_KEY) ?? 'null');
    expect(after === null || (after.session === null && after.profiles.length === 0)).toBe(true);
  });
});
