// Sign-in throttling (ASVS 6.3.1): at most 100 failures an hour per account, 300 per client address.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { identityKey } from '../../shared/identity-key';

export const WINDOW_MS = 60 * 60 * 1000;
export const LIMITS = { account: 100, client: 300 } as const;

export const throttleKeys = (email: string, clientAddress: string) => ({
  account: `account:${identityKey(email)}`,
  client: `client:${clientAddress}`,
});

/**
 * Seconds until another attempt is allowed, or 0 when it is allowed now. The state lives in the
 * database, so every API instance sees the same count.
 */
export async function retryAfterSeconds(db: Db, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  let wait = 0;
  for (const kind of ['account', 'client'] as const) {
    const recent = await db
      .selectFrom('login_failures')
      .select('at')
      .where('key', '=', keys[kind])
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(LIMITS[kind])
      .execute();
    if (recent.length >= LIMITS[kind]) {
      // Blocked until the oldest failure that still counts leaves the window.
      const oldest = Date.parse(recent[recent.length - 1].at);
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000));
    }
  }
  return Math.max(wait, 0);
}

export async function recordLoginFailure(db: Db, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('login_failures')
    .values([
      { id: randomUUID(), key: keys.account, at },
      { id: randomUUID(), key: keys.client, at },
    ])
    .execute();
  // Keep the table small: what left the window no longer counts.
  await db
    .deleteFrom('login_failures')
    .where('key', 'in', [keys.account, keys.client])
    .where('at', '<=', new Date(now.getTime() - WINDOW_MS).toISOString())
    .execute();
}
