// Sign-in throttling (ASVS 5.0 6.3.1, NIST SP 800-63B §5.2.2): refuse per (account, address) and per address, never per account.
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { SignInLimits } from '../config';
import type { Db } from '../db/database';
import { emailKey } from '../../shared/identity-key';

export const WINDOW_MS = 60 * 60 * 1000;

/**
 * The counters one password check touches. `pair` and `client` refuse; `account` only slows down, so a
 * stranger failing on someone's account from elsewhere cannot lock that person out (CWE-645).
 * The address comes first in `pair`, so no e-mail can spell another address's key.
 */
export const throttleKeys = (email: string, clientAddress: string) => {
  const account = emailKey(email);
  return { account: `account:${account}`, pair: `pair:${clientAddress} ${account}`, client: `client:${clientAddress}` };
};
export type ThrottleKeys = ReturnType<typeof throttleKeys>;

export type Reservation =
  | { granted: true; ids: string[]; /** failures on the account from anywhere in the window, this one included */ accountFailures: number }
  | { granted: false; /** seconds until the oldest counted failure leaves the window */ retryAfter: number; refusedBy: 'pair' | 'client' };

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Failures of `key` after `since`, newest first, at most `limit` of them. */
const recent = (db: Db, key: string, since: string, limit: number) =>
  db.selectFrom('login_failures').select('at').where('key', '=', key).where('at', '>', since).orderBy('at', 'desc').limit(limit).execute();

/**
 * Reserves one password check before it runs (CWE-367): the attempt is written as a failure first, then
 * counted, in one transaction, so N parallel guesses get at most the limit of checks and the rest a
 * refusal. On SQLite the transaction's first statement is a write, which takes the single writer lock;
 * on PostgreSQL (READ COMMITTED, pooled connections) a transaction-scoped advisory lock per refusing key
 * serialises the insert-and-count of one key. A check that succeeds gives its rows back (`release`).
 */
export async function reserveAttempt(db: Db, keys: ThrottleKeys, limits: SignInLimits, now: Date): Promise<Reservation> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  if (now.getTime() - lastSweep >= SWEEP_EVERY_MS) {
    lastSweep = now.getTime();
    await sweepExpiredFailures(db, now);
  }
  return db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) {
      // Always in the same order, so two checks sharing both keys cannot deadlock.
      for (const key of [keys.client, keys.pair].sort()) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
    }
    const rows = [keys.pair, keys.client, keys.account].map((key) => ({ id: randomUUID(), key, at }));
    await trx.insertInto('login_failures').values(rows).execute();
    for (const [kind, limit] of [['pair', limits.perAccountAndAddress], ['client', limits.perAddress]] as const) {
      const counted = await recent(trx, keys[kind], since, limit + 1);
      if (counted.length > limit) {
        await trx.deleteFrom('login_failures').where('id', 'in', rows.map((r) => r.id)).execute();
        // The refused attempt is not a failure; the oldest of the `limit` newest ones decides the wait.
        const oldest = Date.parse((await recent(trx, keys[kind], since, limit)).at(-1)?.at ?? at);
        return { granted: false, refusedBy: kind, retryAfter: Math.max(1, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000)) };
      }
    }
    const accountFailures = (await recent(trx, keys.account, since, limits.slowdownAfter + 1)).length;
    // Keep the table small: what left the window no longer counts.
    await trx.deleteFrom('login_failures').where('key', 'in', [keys.pair, keys.client, keys.account]).where('at', '<=', since).execute();
    return { granted: true, ids: rows.map((r) => r.id), accountFailures };
  });
}

const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

/**
 * Deletes every failure that left the window, whatever its key: addresses that never come back would
 * otherwise stay in the table for ever (CWE-770). Run at most once a minute per process.
 */
export async function sweepExpiredFailures(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<=', new Date(now.getTime() - WINDOW_MS).toISOString()).execute();
}

/** The check succeeded: its reservation was not a failure after all. */
export async function releaseAttempt(db: Db, reservation: Reservation): Promise<void> {
  if (reservation.granted) await db.deleteFrom('login_failures').where('id', 'in', reservation.ids).execute();
}
