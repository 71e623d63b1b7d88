// The signed-in person, their profiles and the active one, as stored; re-renders on any change.
import type { Profile } from '../../shared/api-types';
import { isExpired } from '../utils/profiles';
import { readSnapshot, type SessionInfo } from '../utils/snapshot';
import { activeAccountIdItem, profilesItem, sessionEndedItem, sessionItem } from '../utils/storage';
import { useStoredValue } from './useStoredValue';

export interface SessionView {
  ready: boolean;
  /** Without the token: pages show who is signed in; only the API client reads the token (storage.local). */
  session: SessionInfo | null;
  profiles: Profile[];
  activeProfile: Profile | undefined;
  /** Whose session ended without a sign-out here (expired, or refused by the server), for the sign-in form. */
  endedEmail: string | undefined;
}

export function useSession(preferredAccountId?: string | null): SessionView {
  // The first render paints from the synchronous snapshot; storage.local's answers replace it.
  const snap = readSnapshot();
  const session: SessionInfo | null | undefined = useStoredValue(sessionItem, snap?.session);
  const profiles = useStoredValue(profilesItem, snap?.profiles);
  const activeId = useStoredValue(activeAccountIdItem, snap?.activeAccountId);
  const ended = useStoredValue(sessionEndedItem, snap?.sessionEnded);
  const ready = session !== undefined && profiles !== undefined && activeId !== undefined;
  const live = session && !isExpired(session.expiresAt) ? session : null;
  const list = profiles ?? [];
  const wanted = preferredAccountId ?? activeId;
  return {
    ready,
    session: live,
    profiles: list,
    activeProfile: list.find((p) => p.accountId === wanted),
    endedEmail: session && !live ? session.user.email : ended?.email,
  };
}
