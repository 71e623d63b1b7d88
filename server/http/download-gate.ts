// The cap on one person's concurrent heavy downloads (receipts packs, PDFs): 429 beyond it (CWE-770).
import type { Readable } from 'node:stream';
import { ApiError } from './api-error';

/** What one person may have in flight at once, per kind of download. */
export const DOWNLOADS_AT_ONCE = { zip: 2, pdf: 4 } as const;
export type DownloadKind = keyof typeof DOWNLOADS_AT_ONCE;

/**
 * Counts each person's downloads in flight in this process (several instances each keep their own
 * count, which multiplies the cap by the instance count; the render queue is per process too). A
 * slot is taken before any work and released exactly once: when the body has been sent, when the
 * client went away (the request's signal, or the body stream destroyed), or when the handler failed.
 */
export class DownloadGate {
  private readonly inFlight = new Map<string, number>();

  /**
   * Takes a slot of `kind` for `userId`, or throws 429 `rate_limited` with `Retry-After: 1` (RFC 9110
   * §10.2.3) when that person already has DOWNLOADS_AT_ONCE[kind] in flight. Returns the release
   * function (idempotent). Other people are never affected.
   */
  enter(userId: string, kind: DownloadKind): () => void {
    const key = `${kind}:${userId}`;
    const n = this.inFlight.get(key) ?? 0;
    if (n >= DOWNLOADS_AT_ONCE[kind]) {
      throw new ApiError('rate_limited', `You already have ${n} downloads of this kind in progress: wait for one to finish.`, undefined, undefined, {
        'Retry-After': '1',
      });
    }
    this.inFlight.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }

  /** For tests and the bench: downloads in flight of `kind` for `userId`. */
  count(userId: string, kind: DownloadKind): number {
    return this.inFlight.get(`${kind}:${userId}`) ?? 0;
  }
}

/** The process's one gate. */
export const downloadGate = new DownloadGate();

/**
 * Runs `produce` holding a `kind` slot of `userId`, and keeps it until `body` (what produce returned)
 * closes — ended and sent, or destroyed because the client went away — or `signal` aborts (client gone
 * before the body started). A failure of `produce` releases the slot and is rethrown.
 */
export async function withDownloadSlot(userId: string, kind: DownloadKind, signal: AbortSignal, produce: () => Promise<Readable>): Promise<Readable> {
  const release = downloadGate.enter(userId, kind);
  signal.addEventListener('abort', release, { once: true });
  try {
    const body = await produce();
    if (signal.aborted || body.closed || body.destroyed) release();
    else body.once('close', release);
    return body;
  } catch (err) {
    release();
    throw err;
  }
}
