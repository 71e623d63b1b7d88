// The signed-in person, their profiles and the active one, as stored; re-renders on any change.
import type { Profile } from '../../shared/api-types';
import { isExpired } from '../utils/profiles';
import { activeAccountIdItem, profilesItem, sessionEndedItem, sessionItem, type StoredSession } from '../utils/storage';
import { useStoredValue } from './useStoredValue';

export interface SessionView {
  ready: boolean;
  session: StoredSession | null;
  profiles: Profile[];
  activeProfile: Profile | undefined;
  /** Whose session ended without a sign-out here (expired, or refused by the server), for the sign-in form. */
  endedEmail: string | undefined;
}

export function useSession(preferredAccountId?: string | null): SessionView {
  const session = useStoredValue(sessionItem);
  const profiles = useStoredValue(profilesItem);
  const activeId = useStoredValue(activeAccountIdItem);
  const ended = useStoredValue(sessionEndedItem);
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
