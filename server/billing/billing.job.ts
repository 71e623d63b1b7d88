// The billing run as a periodic job inside the server; never two passes at once in one process.
import type { Kysely } from 'kysely';
import { isConnectionError } from '../db/connection-errors';
import type { Database } from '../db/database';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { PaymentProvider } from './payment-provider';
import { describeFailures, runBilling } from './billing-run';
import type { Seller } from './seller';

/** After a lost database connection the run is retried this soon, not a whole interval later. */
const RETRY_AFTER_CONNECTION_LOSS_MS = 30_000;

/** Where the job reports: log events `billing.run_finished`, `billing.run_failed` and billing metrics. */
export interface BillingJobTelemetry {
  logger?: Logger;
  metrics?: Metrics;
  /** The seller of the invoice mails (R15): with it, every invoice issued and card payment queues its mails. */
  seller?: Seller;
}

/** Plain lines on stdout/stderr, as before there was a logger (tests that start the job by itself). */
function consoleLines(level: 'info' | 'warn' | 'error', _fields: object, message: string) {
  (level === 'info' ? console.log : console.error)(message);
}

export function startBillingJob(
  db: Kysely<Database>,
  provider: PaymentProvider,
  intervalMinutes: number,
  now: () => Date,
  { logger, metrics, seller }: BillingJobTelemetry = {},
): { stop(): Promise<void> } {
  if (intervalMinutes <= 0) return { stop: async () => {} };
  const emit = (level: 'info' | 'warn' | 'error', fields: object, message: string) =>
    logger ? logger[level](fields, message) : consoleLines(level, fields, message);
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    const at = now();
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    running = runBilling(db, provider, at, { now: at, mailing: seller ? { seller, now } : undefined })
      .then((r) => {
        const outcome = r.failed.length ? 'partial' : 'ok';
        metrics?.billingRuns.inc({ outcome });
        metrics?.billingRunDuration.observe(seconds());
        metrics?.invoicesIssued.inc(r.issued);
        const fields = { event: 'billing.run_finished', outcome, issued: r.issued, paid: r.paid, ended: r.ended, failed: r.failed.length, durationMs: Math.round(seconds() * 1000) };
        if (logger || r.issued || r.paid || r.ended) emit('info', fields, `billing run: ${r.issued} issued, ${r.paid} paid, ${r.ended} ended`);
        // The others were billed; these are audited and retried on the next tick.
        for (const line of describeFailures(r.failed)) emit('error', { event: 'billing.account_failed' }, `billing run: ${line}`);
      })
      .catch((err) => {
        metrics?.billingRuns.inc({ outcome: 'failed' });
        metrics?.billingRunDuration.observe(seconds());
        if (!isConnectionError(err)) return emit('error', { event: 'billing.run_failed', err }, `billing run failed: ${(err as Error).stack ?? err}`);
        // A failover or restart of the database: try again soon rather than an interval later. Each
        // period moves on by compare-and-set, so a pass cut short is simply finished by the next one.
        emit('error', { event: 'billing.run_failed', reason: 'connection_lost', error: (err as Error).message, retryInSeconds: RETRY_AFTER_CONNECTION_LOSS_MS / 1000 },
          `billing run: database connection lost (${(err as Error).message}); retrying in ${RETRY_AFTER_CONNECTION_LOSS_MS / 1000} s`);
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
    /** Starts no new pass and waits for the one in progress: each account's billing is its own transaction. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
      await running;
    },
  };
}
