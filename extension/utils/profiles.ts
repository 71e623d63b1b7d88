// Pure rules about the stored sign-in: which profile is active, whether the session has expired.
import type { Profile } from '../../shared/api-types';

/** The stored choice if it still exists, else the first account held, else the first profile. */
export function pickActiveAccount(profiles: Profile[], stored: string | null): string | null {
  if (stored && profiles.some((p) => p.accountId === stored)) return stored;
  return (profiles.find((p) => p.role === 'holder') ?? profiles[0])?.accountId ?? null;
}

export function isExpired(expiresAt: string, now = Date.now()): boolean {
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at <= now;
}
