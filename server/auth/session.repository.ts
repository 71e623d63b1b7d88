// Sessions: random bearer tokens of which only a SHA-256 hash is stored; sliding and absolute expiry.
import { hash, randomBytes, randomUUID } from 'node:crypto';
import { hotQuery, hotReadOne } from '../db/connect';
import type { Db } from '../db/database';

export const SESSION_IDLE_DAYS = 30;
export const SESSION_ABSOLUTE_DAYS = 90;
/** Sliding expiry is written at most this often, so reads do not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** SHA-256 of the token, hex: one-shot `crypto.hash` (Node ≥ 20.12; engines ask for 20.19), no Hash object per request. */
export const hashToken = (token: string) => hash('sha256', token, 'hex');

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

/** The same lookup as the Kysely query below, for the hot-read path of both databases (keep the two in step). */
export const LIVE_SESSION_SQL = `
  select sessions.id as "sessionId", sessions.created_at as "sessionCreatedAt", sessions.last_seen_at as "lastSeenAt",
         users.id, users.email, users.name, users.locale, users.is_support, memberships.role
  from sessions
  inner join users on users.id = sessions.user_id
  left join memberships on memberships.account_id = ? and memberships.user_id = users.id
  where sessions.token_hash = ? and sessions.revoked_at is null and sessions.expires_at > ? and users.disabled_at is null`;
const LIVE_SESSION = hotQuery('fastpath_live_session', LIVE_SESSION_SQL);

export interface LiveSession {
  sessionId: string;
  sessionCreatedAt: string;
  lastSeenAt: string;
  id: string;
  email: string;
  name: string;
  locale: 'en' | 'fr';
  is_support: number;
  /** The caller's role on `accountId`, or null when none was asked for or they are not a member. */
  role: 'holder' | 'user' | null;
}

/**
 * The live session of a bearer token with its user and, in the same query, the user's role on
 * `accountId`: one round trip for the policies that need both.
 */
export async function findLiveSession(db: Db, token: string, now: Date, accountId = ''): Promise<LiveSession | undefined> {
  const tokenHash = hashToken(token);
  const nowIso = now.toISOString();
  const row = await hotReadOne<LiveSession>(db, LIVE_SESSION, [accountId, tokenHash, nowIso], () =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('memberships', (join) => join.on('memberships.account_id', '=', accountId).onRef('memberships.user_id', '=', 'users.id'))
      .select([
        'sessions.id as sessionId',
        'sessions.created_at as sessionCreatedAt',
        'sessions.last_seen_at as lastSeenAt',
        'users.id',
        'users.email',
        'users.name',
        'users.locale',
        'users.is_support',
        'memberships.role',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', nowIso)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst(),
  );
  if (row && now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso, expires_at: expiryFrom(now, new Date(row.sessionCreatedAt)) })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return row;
}

export async function revokeSession(db: Db, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).execute();
}

/** Ends every live session of a person at once, except `keepSessionId` (the one changing the password). */
export async function revokeUserSessions(db: Db, userId: string, now: Date, keepSessionId?: string): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
