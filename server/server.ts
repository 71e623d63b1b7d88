// Opens the database, migrates, loads the demo when empty, and serves the API; returns a handle to stop it.
import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { startBillingJob } from './billing/billing.job';
import { simulatedPaymentProvider } from './billing/payment-provider';
import type { Config } from './config';
import { connect, type DbHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { isEmpty, loadDemo } from './demo/demo.seed';
import { createMailSender, describeDelivery, mailDeliveryFor } from './mail/mail.sender';

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
  close(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  /** PostgreSQL schema (tests); see connect(). */
  searchPath?: string;
  /** Tests pass a precomputed hash so the demo loads fast. */
  demoPasswordHash?: string;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const now = opts.now ?? (() => new Date());
  // Before anything else: a server that cannot deliver mail as configured does not start.
  const delivery = mailDeliveryFor(config);
  const handle = connect({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    searchPath: opts.searchPath,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
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
  const app = createApp({ db: handle.db, config, now });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  // A body is at most 64 KiB: a client still sending one after 30 s (or its headers after 15 s) is
  // holding a connection open on purpose (slowloris), not uploading. Node's defaults are 300 s and 60 s.
  const http = server as import('node:http').Server;
  http.requestTimeout = 30_000;
  http.headersTimeout = 15_000;
  const billingJob = startBillingJob(handle.db, simulatedPaymentProvider, config.billingRunIntervalMinutes, now);
  const mailSender = createMailSender({ db: handle.db, delivery, now });
  mailSender.start(MAIL_INTERVAL_MS);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    handle,
    demoLoaded,
    mailDelivery: describeDelivery(delivery),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await billingJob.stop();
      await mailSender.stop();
      await handle.close();
    },
  };
}
