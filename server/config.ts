// Environment → typed, validated settings (product.md §2b); a bad value stops the process with one line.
import path from 'node:path';
import { z } from 'zod';
import { DEMO_SELLER, loadSeller, type Seller } from './billing/seller';
import { LOG_LEVELS, type LogLevel } from './observability/logger';
import { queryInteger, queryIntegerOr } from '../shared/schemas/common.schema';

/** Whole-number settings take digits only, like query parameters (`0x10`, `1e3`, ` 8` are refused); no upper bound of their own. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: queryIntegerOr(8787, { min: 0, max: 65535 }),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  NODE_ENV: z.string().optional(),
  BILLING_RUN_INTERVAL_MINUTES: queryIntegerOr(60, { min: 0, max: UNBOUNDED }),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  DATABASE_POOL_SIZE: queryIntegerOr(10, { min: 1, max: 500 }),
  DATABASE_STATEMENT_TIMEOUT_MS: queryIntegerOr(10_000, { min: 100, max: UNBOUNDED }),
  SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS: queryIntegerOr(10, { min: 1, max: UNBOUNDED }),
  SIGN_IN_LIMIT_PER_ADDRESS: queryIntegerOr(300, { min: 1, max: UNBOUNDED }),
  SIGN_IN_SLOWDOWN_AFTER: queryIntegerOr(100, { min: 1, max: UNBOUNDED }),
  SIGN_IN_SLOWDOWN_MS: queryIntegerOr(1_000, { min: 0, max: 60_000 }),
  PASSWORD_HASHES_PER_ADDRESS: queryIntegerOr(2, { min: 1, max: UNBOUNDED }),
  PASSWORD_HASHES_AT_ONCE: queryInteger({ min: 1, max: UNBOUNDED }).optional(),
  PASSWORD_HASHES_QUEUED: queryIntegerOr(16, { min: 0, max: UNBOUNDED }),
  UV_THREADPOOL_SIZE: queryIntegerOr(4, { min: 1, max: UNBOUNDED }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  METRICS_PORT: queryInteger({ min: 0, max: 65535 }).optional(),
  METRICS_HOST: z.string().min(1).max(255).default('127.0.0.1'),
  SHUTDOWN_TIMEOUT_SECONDS: queryIntegerOr(8, { min: 0, max: 3600 }),
  SELLER_FILE: z.string().min(1).optional(),
});

/** The sign-in throttle and the password-hash cap (SECURITY.md, "Authentication and sessions"). */
export interface SignInLimits {
  /** Failed password checks per (account, client address) in a rolling hour; then 429. */
  perAccountAndAddress: number;
  /** Failed password checks per client address, any account, in a rolling hour; then 429. */
  perAddress: number;
  /** Failures on one account (from anywhere) in the hour after which each check waits `slowdownMs`. Never refuses. */
  slowdownAfter: number;
  slowdownMs: number;
  /** Password hashes in flight per client address in this process (waiting included); then 429 at once. */
  hashesPerAddress: number;
  /** Hashes running at once in this process (default: the libuv thread pool size), and how many may wait; then 503. */
  hashesAtOnce: number;
  hashesQueued: number;
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  production: boolean;
  /** 0 turns the periodic billing run off. */
  billingRunIntervalMinutes: number;
  /** Believe X-Forwarded-For / X-Forwarded-Proto: only behind a proxy we run. */
  trustProxy: boolean;
  /** PostgreSQL only: connections per instance, and how long one statement may run. */
  poolSize: number;
  statementTimeoutMs: number;
  signIn: SignInLimits;
  /** pino level; `json` lines unless LOG_FORMAT says `pretty` (the default when stdout is a terminal). */
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  /** GET /metrics on a listener of its own; undefined (the default) serves no metrics. */
  metricsPort?: number;
  metricsHost: string;
  /** How long in-flight requests may take to finish after SIGTERM before their connections are cut. */
  shutdownTimeoutMs: number;
  /** Who issues invoices and receipts: SELLER_FILE (JSON, validated at start), else the demo's seller. */
  seller: Seller;
  /** The resolved SELLER_FILE; undefined when the demo seller is used (refused in production). */
  sellerFile?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = Boolean(process.stdout.isTTY)): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = configSchema.safeParse(blankless);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Setting ${String(issue.path[0])} is invalid: ${issue.message}`);
  }
  const c = parsed.data;
  const sellerFile = c.SELLER_FILE ? path.resolve(c.SELLER_FILE) : undefined;
  let seller: Seller;
  try {
    seller = sellerFile ? loadSeller(sellerFile) : DEMO_SELLER;
  } catch (err) {
    throw new ConfigError(`Setting SELLER_FILE is invalid: ${(err as Error).message}`);
  }
  return {
    host: c.HOST,
    port: c.PORT,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    smtpUrl: c.SMTP_URL,
    production: c.NODE_ENV === 'production',
    billingRunIntervalMinutes: c.BILLING_RUN_INTERVAL_MINUTES,
    trustProxy: c.TRUST_PROXY === '1' || c.TRUST_PROXY === 'true',
    poolSize: c.DATABASE_POOL_SIZE,
    statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
    signIn: {
      perAccountAndAddress: c.SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS,
      perAddress: c.SIGN_IN_LIMIT_PER_ADDRESS,
      slowdownAfter: c.SIGN_IN_SLOWDOWN_AFTER,
      slowdownMs: c.SIGN_IN_SLOWDOWN_MS,
      hashesPerAddress: c.PASSWORD_HASHES_PER_ADDRESS,
      hashesAtOnce: c.PASSWORD_HASHES_AT_ONCE ?? c.UV_THREADPOOL_SIZE,
      hashesQueued: c.PASSWORD_HASHES_QUEUED,
    },
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    metricsPort: c.METRICS_PORT,
    metricsHost: c.METRICS_HOST,
    shutdownTimeoutMs: Math.round(c.SHUTDOWN_TIMEOUT_SECONDS * 1000),
    seller,
    sellerFile,
  };
}
