// Signing in and out, refreshing the profiles and choosing the active one; all state lives in storage.
import { sessionApi } from './api/client';
import { pickActiveAccount } from './profiles';
import {
  activeAccountIdItem,
  clearPersonalData,
  profilesItem,
  serverUrlItem,
  sessionItem,
} from './storage';
import { clearSnapshot } from './snapshot';

/** `serverUrl` is normalised already (checkServerUrl); the session remembers the server that issued it. */
export async function signIn(serverUrl: string, email: string, password: string): Promise<void> {
  const created = await sessionApi.create(serverUrl, email.trim(), password);
  await clearPersonalData();
  await serverUrlItem.setValue(serverUrl);
  await profilesItem.setValue(created.profiles);
  await activeAccountIdItem.setValue(pickActiveAccount(created.profiles, null));
  await sessionItem.setValue({ serverUrl, token: created.token, expiresAt: created.expiresAt, user: created.user });
}

/**
 * Forgets everything personal first — so "Sign out" holds even if the popup closes at once — then
 * revokes the token at the server that issued it when that server answers.
 */
export async function signOut(): Promise<void> {
  void clearSnapshot(); // At once, before any await: the popup may close on the click.
  const session = await sessionItem.getValue();
  await clearPersonalData();
  try {
    if (session?.serverUrl) await sessionApi.destroy(session.serverUrl, session.token);
  } catch {
    // The token may already be dead or the server away; forgetting it locally is what matters.
  }
}

/**
 * Moves to another server (R17): signs out of the current one first — revoking the token there when it
 * is reachable — so nothing personal or secret from one server is ever used with another.
 */
export async function switchServer(serverUrl: string): Promise<void> {
  await signOut();
  await serverUrlItem.setValue(serverUrl);
}

/**
 * Brings renamed or new memberships in from GET /me. An answer that arrives after the person signed out
 * or picked another profile changes neither: it never revives a session or undoes a choice.
 */
export async function refreshProfiles(): Promise<void> {
  const asked = await sessionItem.getValue();
  if (!asked) return;
  const me = await sessionApi.me();
  const session = await sessionItem.getValue();
  // Signed out, or signed in again, while /me was answering: the answer belongs to a session that is gone.
  if (!session || session.token !== asked.token) return;
  await sessionItem.setValue({ ...session, user: me.user });
  await profilesItem.setValue(me.profiles);
  const stored = await activeAccountIdItem.getValue();
  const picked = pickActiveAccount(me.profiles, stored);
  // Written only when the stored choice is gone, so a profile picked while /me was answering stays picked.
  if (picked !== stored) await activeAccountIdItem.setValue(picked);
}

export function setActiveAccount(accountId: string): Promise<void> {
  return activeAccountIdItem.setValue(accountId);
}
