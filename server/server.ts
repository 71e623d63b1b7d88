// Opens the database, migrates, loads the demo when empty, and serves the API; returns a handle that stops it gracefully.
import { type ServerType, serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { startBillingJob } from './billing/billing.job';
import { simulatedPaymentProvider } from './billing/payment-provider';
import { ConfigError, type Config } from './config';
import { connect, type DbHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { isEmpty, loadDemo } from './demo/demo.seed';
import { createMailSender, describeDelivery, mailDeliveryFor } from './mail/mail.sender';
import { billingAttachments } from './invoices/invoice-delivery';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { type MetricsServer, startMetricsServer } from './observability/metrics-server';
import { createReadiness, type Readiness } from './observability/readiness';

/** How often the outbox is looked at; mail is also retried with backoff on failure. */
const MAIL_INTERVAL_MS = 5_000;

function describeDatabaseFailure(config: Config, err: Error & { code?: string }): string {
  if (!config.databaseUrl) return `Cannot open the SQLite database in ${config.dataDir}: ${err.message}`;
  const { hostname: host, port } = new URL(config.databaseUrl);
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(err.code ?? '') || /timeout/i.test(err.message);
  return unreachable
    ? `PostgreSQL at ${host}:${port || 5432} is unreachable (${err.code ?? err.message}). Is it running, and is DATABASE_URL right?`
    : `Cannot prepare the PostgreSQL database at ${host}:${port || 5432}: ${err.message}`;
}

export interface RunningServer {
  url: string;
  handle: DbHandle;
  demoLoaded: boolean;
  /** Where this server delivers the outbox, for the start-up lines. */
  mailDelivery: string;
  /** Where GET /metrics answers, when METRICS_PORT is set. */
  metricsUrl?: string;
  readiness: Readiness;
  logger: Logger;
  /**
   * The graceful stop (SIGTERM): /ready turns 503, the listener stops accepting, requests in flight
   * finish (cut after SHUTDOWN_TIMEOUT_SECONDS), the billing job and the mail sender stop at a safe
   * point (between two accounts, between two mails), then the database closes.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  /** PostgreSQL schema (tests); see connect(). */
  searchPath?: string;
  /** Tests pass a precomputed hash so the demo loads fast. */
  demoPasswordHash?: string;
  /** Defaults to a logger made from LOG_LEVEL and LOG_FORMAT. */
  logger?: Logger;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const now = opts.now ?? (() => new Date());
  const logger = opts.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const readiness = createReadiness('starting');
  // Before anything else: a server that cannot deliver mail as configured does not start.
  const delivery = mailDeliveryFor(config);
  // Invoices carry the operator's identity and bank details: production never prints the demo's.
  if (config.production && !config.sellerFile) {
    throw new ConfigError('Setting SELLER_FILE is missing: in production invoices carry your own seller identity (README, "Seller identity").');
  }
  const handle = connect({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    searchPath: opts.searchPath,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    onConnectionLost: (err) => logger.warn({ event: 'db.connection_lost', error: err.message }, `PostgreSQL connection lost: ${err.message}`),
  });
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    throw new Error(describeDatabaseFailure(config, err as Error));
  }
  let demoLoaded = false;
  if (!config.production && (await isEmpty(handle.db))) {
    demoLoaded = await loadDemo(handle.db, now(), { passwordHash: opts.demoPasswordHash });
  }
  const metrics = createMetrics({ db: handle.db, pool: handle.pool, now, processMetrics: config.metricsPort !== undefined });
  const app = createApp({ db: handle.db, config, now, logger, metrics, readiness });
  let metricsServer: MetricsServer | undefined;
  let server: ServerType | undefined;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      s.once('error', reject);
    });
    if (config.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics.registry, config.metricsHost, config.metricsPort);
  } catch (err) {
    // A taken port (API or metrics): nothing stays open behind the error.
    server?.close();
    await handle.close();
    throw err;
  }
  const api = server;
  // A body is at most 64 KiB: a client still sending one after 30 s (or its headers after 15 s) is
  // holding a connection open on purpose (slowloris), not uploading. Node's defaults are 300 s and 60 s.
  const http = api as import('node:http').Server;
  http.requestTimeout = 30_000;
  http.headersTimeout = 15_000;
  const billingJob = startBillingJob(handle.db, simulatedPaymentProvider, config.billingRunIntervalMinutes, now, { logger, metrics, seller: config.seller });
  const renderAttachment = billingAttachments(handle.db, config.seller);
  const mailSender = createMailSender({ db: handle.db, delivery, now, logger, metrics, renderAttachment });
  mailSender.start(MAIL_INTERVAL_MS);
  readiness.set('ready');
  const { port } = api.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}`,
    handle,
    demoLoaded,
    mailDelivery: describeDelivery(delivery),
    metricsUrl: metricsServer?.url,
    readiness,
    logger,
    close: () => (closing ??= stopGracefully()),
  };

  async function stopGracefully() {
    readiness.set('stopping');
    const started = Date.now();
    logger.info({ event: 'server.stopping', timeoutMs: config.shutdownTimeoutMs }, 'stopping: finishing requests in flight');
    const http = api as Server;
    const drained = new Promise<void>((resolve) => http.close(() => resolve()));
    // Keep-alive connections go as soon as they are idle; a request still running past the timeout loses its connection.
    const idle = setInterval(() => http.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      logger.warn({ event: 'server.shutdown_timeout', timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the shut-down timeout: connections cut');
      http.closeAllConnections();
    }, config.shutdownTimeoutMs);
    http.closeIdleConnections();
    await Promise.all([drained, billingJob.stop(), mailSender.stop()]);
    clearInterval(idle);
    clearTimeout(deadline);
    await metricsServer?.close();
    await handle.close();
    logger.info({ event: 'server.stopped', durationMs: Date.now() - started }, 'stopped');
  }
}
