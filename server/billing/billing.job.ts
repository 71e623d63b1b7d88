// The billing run as a periodic job inside the server; never two passes at once in one process.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { PaymentProvider } from './payment-provider';
import { describeFailures, runBilling } from './billing-run';

export function startBillingJob(
  db: Kysely<Database>,
  provider: PaymentProvider,
  intervalMinutes: number,
  now: () => Date,
): { stop(): Promise<void> } {
  if (intervalMinutes <= 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
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
      .catch((err) => console.error('billing run failed:', err))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
