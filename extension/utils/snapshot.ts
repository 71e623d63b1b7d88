// A synchronous copy of what a page's first render needs (session presence, profiles, active account, cached Billing pages) in localStorage; no token.
import type { BillingPage, Profile } from '../../shared/api-types';
import { storage } from 'wxt/utils/storage';
import type { LanguageChoice } from './i18n/i18n';
import { SNAPSHOT_KEY } from './snapshot-key';
import {
  activeAccountIdItem,
  languageItem,
  billingCacheItem,
  profilesItem,
  sessionEndedItem,
  sessionItem,
  type StoredSession,
} from './storage';

/** The stored session without its token: what a page shows, never what it sends. */
export type SessionInfo = Omit<StoredSession, 'token'>;

export interface Snapshot {
  session: SessionInfo | null;
  profiles: Profile[];
  activeAccountId: string | null;
  billingCache: Record<string, BillingPage>;
  sessionEnded: { email: string } | null;
  /** The language choice (not personal: kept after sign-out by the next refresh). */
  language: LanguageChoice;
}

export { SNAPSHOT_KEY };

/** Extension pages have localStorage; the background service worker has not (it only reads storage.local). */
function local(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

let cached: Snapshot | null | undefined;
/** Bumped by clearSnapshot: a refresh whose read started before a sign-out must not write the old data back. */
let generation = 0;

/**
 * The snapshot as last written, parsed once per page; null when there is none (first run, other
 * build) or it cannot be read. storage.local stays the source of truth: pages replace what this
 * gave them as soon as their own read answers.
 */
export function readSnapshot(): Snapshot | null {
  if (cached !== undefined) return cached;
  try {
    const raw = local()?.getItem(SNAPSHOT_KEY);
    cached = raw ? (JSON.parse(raw) as Snapshot) : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** How a context without localStorage (Chrome's service worker) has the snapshot removed; set by the background. */
let clearElsewhere: (() => Promise<void>) | undefined;

/** The background registers how it clears the snapshot of the pages (utils/background/offscreen-snapshot.ts). */
export function clearSnapshotWith(clear: () => Promise<void>): void {
  clearElsewhere = clear;
}

/**
 * Removes the snapshot at once (sign-out, a refused session): called before storage.local is cleared.
 * Where there is no localStorage (the service worker ending a refused session with no page open), the
 * registered clearer does it, so the person's data does not wait in the pages' storage for a page to
 * open; the promise settles when it is done (at once where localStorage exists).
 */
export function clearSnapshot(): Promise<void> {
  generation += 1;
  cached = null;
  const storage = local();
  if (storage) {
    storage.removeItem(SNAPSHOT_KEY); // at once, before the caller's next await: a popup may close on the click
    return Promise.resolve();
  }
  return clearElsewhere?.().catch(() => undefined) ?? Promise.resolve();
}

function write(snapshot: Snapshot): void {
  cached = snapshot;
  try {
    local()?.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
  } catch {
    // Quota or a storage-less context: the page then simply starts from storage.local as before.
  }
}

function withoutToken(session: StoredSession | null): SessionInfo | null {
  if (!session) return null;
  const { token: _token, ...info } = session;
  return info;
}

/**
 * Refreshes the snapshot from storage.local (one read of the five items), then again whenever one of
 * them changes while this page is open. Every page calls it once at start (mount-page.tsx).
 */
export async function keepSnapshotCurrent(): Promise<void> {
  if (!local()) return;
  // Built here, not at module level: storage.ts imports this module (clearSnapshot) in a cycle.
  const ITEMS = [sessionItem, profilesItem, activeAccountIdItem, billingCacheItem, sessionEndedItem, languageItem];
  const refresh = async () => {
    const started = generation;
    const [session, profiles, activeAccountId, billingCache, sessionEnded, language] = (await storage.getItems(ITEMS)).map((r) => r.value);
    if (started !== generation) return; // Signed out meanwhile: the next change refreshes it.
    write({ session: withoutToken(session), profiles, activeAccountId, billingCache, sessionEnded, language });
  };
  for (const item of ITEMS) item.watch(() => void refresh());
  await refresh();
}
