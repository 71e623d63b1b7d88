// Tells a lost or refused database connection (retry soon) from a fault in the query (a bug).
import { ApiError } from '../http/api-error';

/** Seconds a client should wait before retrying while the database reconnects (RFC 9110 §10.2.3 Retry-After). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * PostgreSQL SQLSTATEs of a connection that ended or could not start (Appendix A of the PostgreSQL
 * manual): class 08 (connection exception), 57P01 admin shutdown (pg_terminate_backend, a fast stop),
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, or a failover in progress).
 */
const SQLSTATES = /^(08...|57P0[123])$/;
/** Socket-level errors of node:net when the server is gone, unreachable or resets the connection. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres and pg-pool say these in words only, with no code. */
const MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /is not queryable/, // "Client was closed and is not queryable", "Client has encountered a connection error and is not queryable"
  /^timeout exceeded when trying to connect/, // pg-pool's connectionTimeoutMillis
  /^Query read timeout$/, // pg's query_timeout: the server or the network went silent (connect.ts)
];

/** True when `err` (or its cause) means the database connection was lost or could not be made. */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SQLSTATES.test(code) || SOCKET_CODES.has(code))) return true;
  if (MESSAGES.some((m) => m.test(err.message))) return true;
  return isConnectionError(err.cause, depth + 1);
}

/** The 503 problem a request gets when its database connection was lost; the next request gets a fresh one. */
export function databaseUnavailable(): ApiError {
  return new ApiError('service_unavailable', 'The database connection was lost; retry shortly.', undefined, undefined, {
    'Retry-After': String(RETRY_AFTER_SECONDS),
  });
}
