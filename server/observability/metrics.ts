// The Prometheus metrics of one server process (prom-client), in a registry of its own.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database';
import { outboxStats } from './outbox-stats';

export type SignInOutcome = 'succeeded' | 'failed' | 'throttled' | 'refused';

export interface MetricsOptions {
  /** Reads the outbox at each scrape. */
  db?: Db;
  /** PostgreSQL only: the pool whose use is reported (pg.Pool's counters; connect() owns the pool). */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
  now?: () => Date;
  /** Process metrics (CPU, memory, event loop lag): once per process, so the server turns them on. */
  processMetrics?: boolean;
}

/** Seconds: from a fast read (~1 ms) to the statement timeout (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(opts: MetricsOptions = {}) {
  const registry = new Registry();
  const now = opts.now ?? (() => new Date());
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics = {
    registry,
    httpRequests: new Counter({
      name: 'fastpath_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'fastpath_http_request_duration_seconds',
      help: 'Time from request to response headers, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    signIns: new Counter({
      name: 'fastpath_sign_ins_total',
      help: 'Sign-in attempts by outcome: succeeded, failed (wrong e-mail or password), throttled, refused (invalid request).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    throttleRefusals: new Counter({
      name: 'fastpath_throttle_refusals_total',
      help: 'Requests refused with 429 by a throttle, by route pattern.',
      labelNames: ['route'] as const,
      registers,
    }),
    mailsDelivered: new Counter({ name: 'fastpath_mail_delivered_total', help: 'Mails the transport accepted.', registers }),
    mailFailures: new Counter({
      name: 'fastpath_mail_delivery_failures_total',
      help: 'Delivery attempts that failed (the mail is retried with backoff).',
      registers,
    }),
    billingRuns: new Counter({
      name: 'fastpath_billing_runs_total',
      help: 'Billing runs by outcome: ok, partial (some accounts failed), failed.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    billingRunDuration: new Histogram({
      name: 'fastpath_billing_run_duration_seconds',
      help: 'Duration of a billing run.',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      registers,
    }),
    invoicesIssued: new Counter({ name: 'fastpath_invoices_issued_total', help: 'Invoices issued by billing runs.', registers }),
  };
  const { db, pool } = opts;
  // The pool first: read before the outbox gauges' own query borrows a connection and counts as waiting.
  if (pool) {
    new Gauge({
      name: 'fastpath_db_pool_connections',
      help: 'PostgreSQL pool: open connections (total), idle ones, and queries waiting for one.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  if (db) {
    // One query per scrape serves both gauges: the first collect() reads, the second reuses its answer.
    let pending: ReturnType<typeof outboxStats> | undefined;
    const read = () => (pending ??= outboxStats(db, now()).finally(() => setImmediate(() => (pending = undefined))));
    // With the database away, the outbox gauges are left out of this scrape; every other series is still
    // served (a failed collect would turn the whole scrape into a 500, exactly when it is needed most).
    const collectInto = async (gauge: Gauge, pick: (s: Awaited<ReturnType<typeof outboxStats>>) => number) => {
      try {
        gauge.set(pick(await read()));
      } catch {
        gauge.reset();
      }
    };
    new Gauge({
      name: 'fastpath_outbox_unsent',
      help: 'Mails queued and not yet sent (due, waiting for a retry, or being sent).',
      registers,
      async collect() {
        await collectInto(this, (s) => s.unsent);
      },
    });
    new Gauge({
      name: 'fastpath_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest mail not yet sent; 0 when the outbox is empty.',
      registers,
      async collect() {
        await collectInto(this, (s) => s.oldestUnsentAgeSeconds);
      },
    });
  }
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
