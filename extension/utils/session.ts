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
  clearSnapshot(); // At once, before any await: the popup may close on the click.
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

export async function refreshProfiles(): Promise<void> {
  const me = await sessionApi.me();
  const session = await sessionItem.getValue();
  if (session) await sessionItem.setValue({ ...session, user: me.user });
  await profilesItem.setValue(me.profiles);
  await activeAccountIdItem.setValue(pickActiveAccount(me.profiles, await activeAccountIdItem.getValue()));
}

export function setActiveAccount(accountId: string): Promise<void> {
  return activeAccountIdItem.setValue(accountId);
}
