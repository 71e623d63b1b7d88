// Signing in and out, refreshing the profiles and choosing the active one; all state lives in storage.
import { sessionApi } from './api';
import { pickActiveAccount } from './profiles';
import {
  activeAccountIdItem,
  clearPersonalData,
  profilesItem,
  serverUrlItem,
  sessionItem,
} from './storage';

export async function signIn(serverUrl: string, email: string, password: string): Promise<void> {
  const base = serverUrl.trim().replace(/(?<!\/)\/+$/, '');
  const created = await sessionApi.create(base, email.trim(), password);
  await serverUrlItem.setValue(base);
  await clearPersonalData();
  await profilesItem.setValue(created.profiles);
  await activeAccountIdItem.setValue(pickActiveAccount(created.profiles, null));
  await sessionItem.setValue({ token: created.token, expiresAt: created.expiresAt, user: created.user });
}

export async function signOut(): Promise<void> {
  try {
    await sessionApi.destroy();
  } catch {
    // The token may already be dead or the server away; forgetting it locally is what matters.
  }
  await clearPersonalData();
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
