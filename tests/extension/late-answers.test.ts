// Answers that arrive late never undo what the person did meanwhile: a picked profile, a sign-out, a new sign-in.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

let storage: typeof import('../../extension/utils/storage');
let session: typeof import('../../extension/utils/session');
let client: typeof import('../../extension/utils/api/client');
let answerSession: typeof import('../../extension/utils/api/answer-session');

const ada = { id: 'u1', email: 'ada@acme.test', name: 'Ada', locale: 'en' as const, isSupport: false };
const bob = { id: 'u2', email: 'bob@acme.test', name: 'Bob', locale: 'en' as const, isSupport: false };
const profiles = [
  { accountId: 'bikes', companyName: "Bob's Bikes", role: 'holder' as const },
  { accountId: 'acme', companyName: 'Acme Corp', role: 'user' as const },
];

/** fetch answers only when the test says so: the request is "in flight" until then. */
let release: (response: Response) => void = () => undefined;
function holdNextAnswer() {
  vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (release = resolve)));
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const signedIn = (user: typeof ada, token: string) =>
  storage.sessionItem.setValue({ serverUrl: 'http://127.0.0.1:8787', token, expiresAt: '2099-01-01T00:00:00Z', user });

beforeAll(async () => {
  vi.stubGlobal('chrome', fakeBrowser);
  storage = await import('../../extension/utils/storage');
  session = await import('../../extension/utils/session');
  client = await import('../../extension/utils/api/client');
  answerSession = await import('../../extension/utils/api/answer-session');
});

beforeEach(async () => {
  fakeBrowser.reset();
  client.followSessionChanges(); // as every page does (mount-page.tsx)
  await storage.serverUrlItem.setValue('http://127.0.0.1:8787');
  await signedIn(bob, 'bobs-token');
  await storage.profilesItem.setValue(profiles);
  await storage.activeAccountIdItem.setValue('bikes');
});

describe('a late GET /me', () => {
  it('keeps the profile picked while it was answering', async () => {
    holdNextAnswer();
    const refresh = session.refreshProfiles();
    await new Promise((r) => setTimeout(r, 10));
    await session.setActiveAccount('acme');
    release(json({ user: bob, profiles }));
    await refresh;
    expect(await storage.activeAccountIdItem.getValue()).toBe('acme');
  });

  it('keeps the profile picked even while the stored choice is being read', async () => {
    vi.stubGlobal('fetch', async () => json({ user: bob, profiles }));
    const read = storage.activeAccountIdItem.getValue.bind(storage.activeAccountIdItem);
    // The person picks Acme in the instant between the refresh reading the choice and writing it back.
    const spy = vi.spyOn(storage.activeAccountIdItem, 'getValue').mockImplementationOnce(async () => {
      const value = await read();
      await session.setActiveAccount('acme');
      return value;
    });
    await session.refreshProfiles();
    spy.mockRestore();
    expect(await storage.activeAccountIdItem.getValue()).toBe('acme');
  });

  it('still moves off a profile that no longer exists', async () => {
    await storage.activeAccountIdItem.setValue('gone');
    vi.stubGlobal('fetch', async () => json({ user: bob, profiles }));
    await session.refreshProfiles();
    expect(await storage.activeAccountIdItem.getValue()).toBe('bikes');
  });

  it('does not sign back in a person who signed out meanwhile', async () => {
    holdNextAnswer();
    const refresh = session.refreshProfiles();
    await new Promise((r) => setTimeout(r, 10));
    await storage.clearPersonalData();
    release(json({ user: bob, profiles }));
    await refresh;
    expect(await storage.sessionItem.getValue()).toBeNull();
    expect(await storage.profilesItem.getValue()).toEqual([]);
  });

  it("does not give the next person the previous person's profiles", async () => {
    holdNextAnswer();
    const refresh = session.refreshProfiles();
    await new Promise((r) => setTimeout(r, 10));
    await signedIn(ada, 'adas-token');
    await storage.profilesItem.setValue([{ accountId: 'acme', companyName: 'Acme Corp', role: 'holder' }]);
    release(json({ user: bob, profiles }));
    await refresh;
    expect((await storage.sessionItem.getValue())?.user.email).toBe('ada@acme.test');
    expect(await storage.profilesItem.getValue()).toEqual([{ accountId: 'acme', companyName: 'Acme Corp', role: 'holder' }]);
  });
});

describe('a late 401', () => {
  it("for the previous session's token leaves the new session signed in", async () => {
    holdNextAnswer();
    const old = client.request('/me').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    await signedIn(ada, 'adas-token');
    release(json({ type: 'about:blank', title: 'Unauthenticated', status: 401, code: 'unauthenticated' }, 401));
    await old;
    expect((await storage.sessionItem.getValue())?.token).toBe('adas-token');
  });

  it('for the current token ends the session', async () => {
    vi.stubGlobal('fetch', async () => json({ type: 'about:blank', title: 'Unauthenticated', status: 401, code: 'unauthenticated' }, 401));
    await client.request('/me').catch(() => undefined);
    expect(await storage.sessionItem.getValue()).toBeNull();
    expect((await storage.sessionEndedItem.getValue())?.email).toBe('bob@acme.test');
  });
});

describe("a late answer to the previous person's request", () => {
  it("is not cached for the next person, who may see less of the account (R3)", async () => {
    // bob (a user of Acme) asked; ada signs in before the answer arrives.
    holdNextAnswer();
    const asked = client.billingApi.get('acme');
    await new Promise((r) => setTimeout(r, 10));
    await signedIn(ada, 'adas-token');
    release(json({ accountId: 'acme', version: 3, contact: { companyName: 'Acme Corp' }, paymentMethod: { type: 'card', last4: '4242' } }));
    const page = await asked;
    expect(await storage.answerIsCurrent(page)).toBe(false);
    // The page about to show it knows without a storage read: the sign-in reached it as a change.
    expect(answerSession.answerIsCurrentHere(page)).toBe(false);
    await storage.cacheBillingPage(page);
    expect(await storage.billingCacheItem.getValue()).toEqual({});
  });

  it('is cached while the session that asked is still the one signed in', async () => {
    vi.stubGlobal('fetch', async () => json({ accountId: 'acme', version: 3, contact: { companyName: 'Acme Corp' } }));
    const page = await client.billingApi.get('acme');
    expect(await storage.answerIsCurrent(page)).toBe(true);
    expect(answerSession.answerIsCurrentHere(page)).toBe(true);
    await storage.cacheBillingPage(page);
    expect(Object.keys(await storage.billingCacheItem.getValue())).toEqual(['acme']);
  });
});

describe('signed out', () => {
  it('sends nothing that needs a session, and fails as signed out', async () => {
    const sent = vi.fn(async () => json({}));
    vi.stubGlobal('fetch', sent);
    await storage.clearPersonalData();
    await expect(client.request('/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('late answers after sign-out write nothing personal', () => {
  const page = { accountId: 'acme', contact: { companyName: 'Acme Corp' } } as never;

  it('a Billing page fetched before sign-out is not cached after it', async () => {
    await storage.clearPersonalData();
    await storage.cacheBillingPage(page);
    expect(await storage.billingCacheItem.getValue()).toEqual({});
  });

  it('cases seen before sign-out are not remembered after it', async () => {
    await storage.clearPersonalData();
    await storage.markCasesSeen('acme', ['case-1']);
    expect(await storage.seenCasesItem.getValue()).toEqual({});
  });

  it('while signed in, both are kept', async () => {
    await storage.cacheBillingPage(page);
    await storage.markCasesSeen('acme', ['case-1']);
    expect(Object.keys(await storage.billingCacheItem.getValue())).toEqual(['acme']);
    expect(await storage.seenCasesItem.getValue()).toEqual({ acme: ['case-1'] });
  });
});
