// R17: the API client sends a token only to the origin that issued it, and signing in sends none at all.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Loaded after the fake browser is installed: `wxt/browser` picks up `chrome` when first imported.
let api: typeof import('../../extension/utils/api/client');
let storage: typeof import('../../extension/utils/storage');
let session: typeof import('../../extension/utils/session');

const seen: { url: string; authorization: string | null }[] = [];
const user = { id: 'u1', email: 'bob@acme.test', name: 'Bob', locale: 'en' as const, isSupport: false };

beforeAll(async () => {
  vi.stubGlobal('chrome', fakeBrowser);
  api = await import('../../extension/utils/api/client');
  storage = await import('../../extension/utils/storage');
  session = await import('../../extension/utils/session');
});

beforeEach(async () => {
  fakeBrowser.reset();
  seen.length = 0;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, authorization: new Headers(init.headers).get('authorization') });
    return new Response(JSON.stringify({}), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  await storage.sessionItem.setValue({ serverUrl: 'http://127.0.0.1:8787', token: 'bobs-token', expiresAt: '2099-01-01T00:00:00Z', user });
  await storage.profilesItem.setValue([{ accountId: 'acc1', companyName: 'Acme Corp', role: 'user' }]);
});

describe('the token and its server', () => {
  it('is sent to the server that issued it', async () => {
    await storage.serverUrlItem.setValue('http://127.0.0.1:8787');
    await api.billingApi.get('acc1');
    expect(seen).toEqual([{ url: 'http://127.0.0.1:8787/api/v1/accounts/acc1/billing', authorization: 'Bearer bobs-token' }]);
  });

  it('never reaches another server: the call fails as signed out and the session is forgotten', async () => {
    await storage.serverUrlItem.setValue('http://127.0.0.1:9999');
    await expect(api.billingApi.get('acc1')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(seen).toEqual([]);
    expect(await storage.sessionItem.getValue()).toBeNull();
    expect(await storage.profilesItem.getValue()).toEqual([]);
  });

  it('is dropped when stored before sessions named their server', async () => {
    await storage.sessionItem.setValue({ token: 'old', expiresAt: '2099-01-01T00:00:00Z', user } as never);
    await expect(api.billingApi.get('acc1')).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual([]);
  });

  it('is not sent with a sign-in, not even to the same server', async () => {
    await api.sessionApi.create('http://127.0.0.1:9999', 'ada@acme.test', 'pw').catch(() => undefined);
    expect(seen).toEqual([{ url: 'http://127.0.0.1:9999/api/v1/sessions', authorization: null }]);
  });

  it('is revoked at the old server, and only there, when the person switches servers', async () => {
    await storage.serverUrlItem.setValue('http://127.0.0.1:8787');
    await session.switchServer('https://billing.example.com');
    expect(seen).toEqual([{ url: 'http://127.0.0.1:8787/api/v1/sessions/current', authorization: 'Bearer bobs-token' }]);
    expect(await storage.sessionItem.getValue()).toBeNull();
    expect(await storage.serverUrlItem.getValue()).toBe('https://billing.example.com');
  });

  it('is forgotten before the revocation is sent, which outlives a popup that closes at once', async () => {
    let sessionWhileRevoking: unknown = 'not asked';
    let keepalive: boolean | undefined;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sessionWhileRevoking = await storage.sessionItem.getValue();
      keepalive = init.keepalive;
      seen.push({ url, authorization: new Headers(init.headers).get('authorization') });
      return new Response(null, { status: 204 });
    });
    await session.signOut();
    expect(seen).toEqual([{ url: 'http://127.0.0.1:8787/api/v1/sessions/current', authorization: 'Bearer bobs-token' }]);
    expect(sessionWhileRevoking).toBeNull();
    expect(keepalive).toBe(true);
  });
});
