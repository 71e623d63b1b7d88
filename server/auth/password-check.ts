// One password check under every defence: hash cap, atomic throttle reservation, per-account slow-down.
import type { Context } from 'hono';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditBudget } from '../audit/audit-budget';
import { writeAudit } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { clientAddress, throttleBucket } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { hashGate } from './hash-gate';
import { releaseAttempt, reserveAttempt, throttleKeys } from './login-throttle';
import { emailKey } from '../../shared/identity-key';
import { verifyPassword } from './password';

/** At most 10 `login.throttled` rows per client address a minute; the rest are counted in the next one. */
const throttledAudit = new AuditBudget(10);

export interface PasswordCheck {
  /** Whose password: the e-mail typed (sign-in) or the signed-in person's. */
  email: string;
  password: string;
  /** The stored hash, read after the attempt is reserved; DUMMY_HASH for an unknown e-mail (ASVS 6.3.8). */
  storedHash: () => Promise<string>;
  /** For the `login.throttled` audit row. */
  actorUserId: string | null;
}

/**
 * Checks a password the way sign-in and password change must (issue 12 items 2–4):
 * 1. at most `hashesPerAddress` checks in flight per address, else 429 at once;
 * 2. the attempt is reserved as a failure before the hash (per (account, address) and per address
 *    limits), else 429 with `Retry-After`; the account alone never refuses;
 * 3. an account with `slowdownAfter` failures this hour makes each check wait `slowdownMs` first;
 * 4. the hash runs under the process-wide cap, else 503 with `Retry-After`.
 * Returns whether the password is right; a right one gives its reservation back, a wrong one stays
 * counted. Refusals are audited as `login.throttled` with the client address, at a bounded rate.
 */
export async function checkPassword(c: Context<AppEnv>, check: PasswordCheck): Promise<boolean> {
  const { db, now, config } = c.var.deps;
  const address = clientAddress(c, config.trustProxy);
  const bucket = throttleBucket(address);
  const limits = config.signIn;
  const audited = async (err: ApiError, reason: string): Promise<never> => {
    const budget = throttledAudit.take(bucket, now().getTime());
    if (budget.write) {
      await writeAudit(
        db,
        {
          actorUserId: check.actorUserId,
          actorLabel: emailKey(check.email),
          action: 'login.throttled',
          target: `${c.req.method} ${c.req.path}`,
          after: budget.suppressed ? { reason, suppressed: budget.suppressed } : { reason },
          clientAddress: address,
        },
        now(),
      );
    }
    throw err;
  };
  let leave: () => void;
  try {
    leave = hashGate.enter(bucket, limits);
  } catch (err) {
    return audited(err as ApiError, 'hashes_per_address');
  }
  try {
    const reservation = await reserveAttempt(db, throttleKeys(check.email, bucket), limits, now());
    if (!reservation.granted) {
      const err = new ApiError('rate_limited', 'Too many failed sign-ins: try again later.', undefined, undefined, { 'Retry-After': String(reservation.retryAfter) });
      return await audited(err, reservation.refusedBy === 'pair' ? 'failures_per_account_and_address' : 'failures_per_address');
    }
    if (reservation.accountFailures > limits.slowdownAfter && limits.slowdownMs > 0) await sleep(limits.slowdownMs);
    const stored = await check.storedHash();
    let ok: boolean;
    try {
      ok = await hashGate.run(limits, () => verifyPassword(check.password, stored));
    } catch (err) {
      // Not checked after all (server busy): the reservation is not a failure.
      await releaseAttempt(db, reservation);
      if (err instanceof ApiError) return await audited(err, 'hashes_at_once');
      throw err;
    }
    if (ok) await releaseAttempt(db, reservation);
    return ok;
  } finally {
    leave();
  }
}
