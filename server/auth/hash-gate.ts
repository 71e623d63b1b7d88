// The cap on concurrent password hashes (CWE-770): per client address, and overall with a short queue.
import type { SignInLimits } from '../config';
import { ApiError } from '../http/api-error';

/**
 * scrypt at N=2^17 holds one of libuv's threads (4 by default) for ~100 ms or more. Without a cap, one
 * address sending 40 guesses at once queues every other person's sign-in behind them. The gate lives in
 * this process: several API instances each have their own, which multiplies the overall figure by the
 * instance count and is fine (each instance has its own thread pool).
 */
export class HashGate {
  private readonly perAddress = new Map<string, number>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /**
   * Admits one password check from `address` for its whole course (throttle, slow-down, hash), or throws
   * 429 `rate_limited` with `Retry-After: 1` at once when that address already has its share in flight.
   * Call the returned function exactly once when the check is over.
   */
  enter(address: string, limits: SignInLimits): () => void {
    const inFlight = this.perAddress.get(address) ?? 0;
    if (inFlight >= limits.hashesPerAddress) {
      throw new ApiError('rate_limited', 'Too many sign-ins at once from your address: try again in a moment.', undefined, undefined, { 'Retry-After': '1' });
    }
    this.perAddress.set(address, inFlight + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(address, n);
      else this.perAddress.delete(address);
    };
  }

  /**
   * Runs `hash` when fewer than `hashesAtOnce` run; waits in a queue of at most `hashesQueued`; beyond
   * that throws 503 `service_unavailable` with `Retry-After: 1` at once.
   */
  async run<T>(limits: SignInLimits, hash: () => Promise<T>): Promise<T> {
    if (this.running >= limits.hashesAtOnce) {
      if (this.waiting.length >= limits.hashesQueued) {
        throw new ApiError('service_unavailable', 'The server is busy checking passwords: try again in a moment.', undefined, undefined, { 'Retry-After': '1' });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await hash();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** For tests and the bench: what is in flight now. */
  get load() {
    return { running: this.running, waiting: this.waiting.length, addresses: this.perAddress.size };
  }
}

/** The process's one gate, shared by sign-in and password change. */
export const hashGate = new HashGate();
