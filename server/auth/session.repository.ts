// Sessions: random bearer tokens of which only a SHA-256 hash is stored; sliding and absolute expiry.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database';

export const SESSION_IDLE_DAYS = 30;
export const SESSION_ABSOLUTE_DAYS = 90;
/** Sliding expiry is written at most this often, so reads do not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function expiryFrom(now: Date, createdAt: Date): string {
  const idle = now.getTime() + SESSION_IDLE_DAYS * DAY_MS;
  const absolute = createdAt.getTime() + SESSION_ABSOLUTE_DAYS * DAY_MS;
  return new Date(Math.min(idle, absolute)).toISOString();
}

export async function createSession(db: Db, userId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = expiryFrom(now, now);
  await db
    .insertInto('sessions')
    .values({
      id: randomUUID(),
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function findLiveSession(db: Db, token: string, now: Date) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.created_at as sessionCreatedAt',
      'sessions.last_seen_at as lastSeenAt',
      'users.id',
      'users.email',
      'users.name',
      'users.locale',
      'users.is_support',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (row && now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: expiryFrom(now, new Date(row.sessionCreatedAt)) })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return row;
}

export async function revokeSession(db: Db, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).execute();
}
