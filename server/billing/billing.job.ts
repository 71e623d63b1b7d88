// The billing run as a periodic job inside the server; never two passes at once in one process.
import type { Kysely } from 'kysely';
import { isConnectionError } from '../db/connection-errors';
import type { Database } from '../db/database';
import type { PaymentProvider } from './payment-provider';
import { describeFailures, runBilling } from './billing-run';

/** After a lost database connection the run is retried this soon, not a whole interval later. */
const RETRY_AFTER_CONNECTION_LOSS_MS = 30_000;

export function startBillingJob(
  db: Kysely<Database>,
  provider: PaymentProvider,
  intervalMinutes: number,
  now: () => Date,
): { stop(): Promise<void> } {
  if (intervalMinutes <= 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const tick = () => {
    if (busy) return;
    busy = true;
    const at = now();
    running = runBilling(db, provider, at, { now: at })
      .then((r) => {
        if (r.issued || r.paid || r.ended) console.log(`billing run: ${r.issued} issued, ${r.paid} paid, ${r.ended} ended`);
        // The others were billed; these are audited and retried on the next tick.
        for (const line of describeFailures(r.failed)) console.error(`billing run: ${line}`);
      })
      .catch((err) => {
        if (!isConnectionError(err)) return console.error('billing run failed:', err);
        // A failover or restart of the database: try again soon rather than an interval later. Each
        // period moves on by compare-and-set, so a pass cut short is simply finished by the next one.
        console.error(`billing run: database connection lost (${(err as Error).message}); retrying in ${RETRY_AFTER_CONNECTION_LOSS_MS / 1000} s`);
        if (!stopped) retry = setTimeout(tick, RETRY_AFTER_CONNECTION_LOSS_MS).unref();
      })
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
      await running;
    },
  };
}
