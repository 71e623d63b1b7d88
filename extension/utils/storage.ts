// Every stored item, declared once: server address, language, and the personal data cleared on sign-out.
import { storage } from 'wxt/utils/storage';
import type { BillingPage, Me, Profile } from '../../shared/api-types';
import type { LanguageChoice } from './i18n/i18n';
import { clearSnapshot } from './snapshot';
import { answerBelongsTo } from './api/answer-session';

export interface StoredSession {
  /** The server that issued the token: the token is only ever sent to its origin (R17). */
  serverUrl: string;
  token: string;
  expiresAt: string;
  user: Me['user'];
}

/** The address the person chose; empty means the build's own (see server-settings.ts). */
export const serverUrlItem = storage.defineItem<string>('local:serverUrl', { fallback: '' });

/** The server an enterprise policy sets (storage.managed), mirrored here by the background; null when none. */
export const managedServerUrlItem = storage.defineItem<string | null>('local:managedServerUrl', { fallback: null });

export const languageItem = storage.defineItem<LanguageChoice>('local:language', {
  fallback: 'auto',
});

export const sessionItem = storage.defineItem<StoredSession | null>('local:session', {
  fallback: null,
});

export const profilesItem = storage.defineItem<Profile[]>('local:profiles', { fallback: [] });

export const activeAccountIdItem = storage.defineItem<string | null>('local:activeAccountId', {
  fallback: null,
});

/** The last page seen per account, so a page or the popup can paint before the API answers. */
export const billingCacheItem = storage.defineItem<Record<string, BillingPage>>('local:billingCache', {
  fallback: {},
});

/**
 * Set when a session ended without the person signing out here (signed out elsewhere, password
 * changed, expired): the popup says so and keeps the e-mail in the sign-in form.
 */
export const sessionEndedItem = storage.defineItem<{ email: string } | null>('local:sessionEnded', { fallback: null });

/**
 * Completed and rejected change requests the holder has seen, by account: case ids. Until a case is
 * here, the popup shows it and the badge counts it (issue 15 §5).
 */
export const seenCasesItem = storage.defineItem<Record<string, string[]>>('local:seenCases', { fallback: {} });

/**
 * The popup's quick edit as typed but not saved, by account: API path → value. In session storage
 * (memory only, gone when the browser closes), because a toolbar popup closes on any outside click.
 */
export const contactDraftItem = storage.defineItem<Record<string, Record<string, string>>>('session:contactDraft', {
  fallback: {},
});

const PERSONAL = [sessionItem, profilesItem, activeAccountIdItem, billingCacheItem, seenCasesItem, contactDraftItem];

/**
 * Whether the signed-in person still has a profile on this account. An answer that arrives after
 * sign-out (or after another person signed in) is for an account no stored profile names: writing it
 * would put personal data back into a signed-out browser.
 */
async function stillHasProfile(accountId: string): Promise<boolean> {
  return (await profilesItem.getValue()).some((p) => p.accountId === accountId);
}

/** Marks resolved cases of an account as seen; a no-op (no write, no badge refresh) when all already are or the profile is gone. */
export async function markCasesSeen(accountId: string, ids: string[]): Promise<void> {
  if (!(await stillHasProfile(accountId))) return;
  const seen = await seenCasesItem.getValue();
  const known = new Set(seen[accountId] ?? []);
  const fresh = ids.filter((id) => !known.has(id));
  if (fresh.length === 0) return;
  await seenCasesItem.setValue({ ...seen, [accountId]: [...known, ...fresh] });
}

/** Keeps (or, with null, forgets) the popup's unsaved quick edit of one account. */
export async function storeContactDraft(accountId: string, draft: Record<string, string> | null): Promise<void> {
  if (draft && !(await stillHasProfile(accountId))) return;
  const drafts = await contactDraftItem.getValue();
  if (!draft && !(accountId in drafts)) return;
  const { [accountId]: _old, ...rest } = drafts;
  await contactDraftItem.setValue(draft ? { ...rest, [accountId]: draft } : rest);
}

/** Sign-out forgets everything personal; the server address and the language stay. */
export async function clearPersonalData(): Promise<void> {
  void clearSnapshot();
  await Promise.all([...PERSONAL, sessionEndedItem].map((item) => item.removeValue()));
}

/**
 * The server no longer accepts the session whose token is `refusedToken`: forget everything personal,
 * but remember whose it was. A refusal of an older session's token (a request sent before sign-out
 * that answers after the next sign-in) ends nothing.
 */
export async function endSession(refusedToken: string): Promise<void> {
  // Several requests may be refused at once (popup, badge): only the first has a session to end.
  const session = await sessionItem.getValue();
  if (!session || session.token !== refusedToken) return;
  // Written first, so the sign-in form that appears when the session goes already knows the e-mail.
  await sessionEndedItem.setValue({ email: session.user.email });
  const snapshotGone = clearSnapshot();
  await Promise.all(PERSONAL.map((item) => item.removeValue()));
  await snapshotGone; // in the service worker, the offscreen document's work (offscreen-snapshot.ts)
}

/**
 * Whether an API answer may still be stored or shown: the session that asked for it is the one stored
 * now (a late answer to the previous person must not reach the next one, who may see less: R3).
 */
export async function answerIsCurrent(answer: object): Promise<boolean> {
  return answerBelongsTo(answer, (await sessionItem.getValue())?.token);
}

/** Keeps the Billing page for the next first frame, unless it was fetched for another session or the profile went meanwhile. */
export async function cacheBillingPage(page: BillingPage): Promise<void> {
  if (!(await answerIsCurrent(page)) || !(await stillHasProfile(page.accountId))) return;
  const cache = await billingCacheItem.getValue();
  await billingCacheItem.setValue({ ...cache, [page.accountId]: page });
  // R2: the profile name is derived from the company name, so keep the stored profiles in step.
  const profiles = await profilesItem.getValue();
  const stale = profiles.some(
    (p) => p.accountId === page.accountId && p.companyName !== page.contact.companyName,
  );
  if (stale) {
    await profilesItem.setValue(
      profiles.map((p) =>
        p.accountId === page.accountId ? { ...p, companyName: page.contact.companyName } : p,
      ),
    );
  }
}
