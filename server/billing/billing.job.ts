// The billing run as a periodic job inside the server; never two passes at once in one process.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { PaymentProvider } from './payment-provider';
import { runBilling } from './billing-run';

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
    running = runBilling(db, provider, now())
      .then((r) => {
        if (r.issued || r.paid || r.ended) console.log(`billing run: ${r.issued} issued, ${r.paid} paid, ${r.ended} ended`);
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
