// A bound on audit rows an attacker can make us write (CWE-770): N rows per key per minute, the rest counted.
export const AUDIT_BUDGET_WINDOW_MS = 60_000;

interface Slot {
  windowStart: number;
  written: number;
  /** Entries not written since the last row that was; reported in the next row as `suppressed`. */
  suppressed: number;
}

/**
 * Kept in memory per process (several instances each write their own share). At most `maxKeys` keys are
 * tracked; when that many are live within one window, entries for new keys are counted as suppressed
 * under a shared overflow key, so the table grows by at most (maxKeys + 1) × perWindow rows a minute.
 */
export class AuditBudget {
  private readonly slots = new Map<string, Slot>();
  private readonly overflow: Slot = { windowStart: 0, written: 0, suppressed: 0 };
  constructor(
    readonly perWindow: number,
    readonly maxKeys = 10_000,
  ) {}

  /**
   * Whether an entry for `key` at `nowMs` may be written; when it may, how many were suppressed before it
   * (put into the row, so the count of refusals stays known).
   */
  take(key: string, nowMs: number): { write: true; suppressed: number } | { write: false } {
    let slot = this.slots.get(key);
    if (!slot) {
      if (this.slots.size >= this.maxKeys) this.prune(nowMs);
      if (this.slots.size >= this.maxKeys) {
        slot = this.overflow;
      } else {
        slot = { windowStart: nowMs, written: 0, suppressed: 0 };
        this.slots.set(key, slot);
      }
    }
    if (nowMs - slot.windowStart >= AUDIT_BUDGET_WINDOW_MS) {
      slot.windowStart = nowMs;
      slot.written = 0;
    }
    if (slot.written >= this.perWindow) {
      slot.suppressed++;
      return { write: false };
    }
    slot.written++;
    const suppressed = slot.suppressed;
    slot.suppressed = 0;
    return { write: true, suppressed };
  }

  private lastPrune = 0;

  /** Forgets keys whose window is over (their suppressed counts with them); at most once a second. */
  private prune(nowMs: number) {
    if (nowMs - this.lastPrune < 1000) return;
    this.lastPrune = nowMs;
    for (const [key, slot] of this.slots) {
      if (nowMs - slot.windowStart >= AUDIT_BUDGET_WINDOW_MS) this.slots.delete(key);
    }
  }
}
