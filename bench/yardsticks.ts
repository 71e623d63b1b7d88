// YARDSTICKS, bench only, never shipped: hand-written node:http servers answering GET /accounts/{id}/billing
// with the API's own queries and JSON, one on better-sqlite3 and one on pg — the limit the API is measured against.
import { hash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { toBillingPage } from '../server/accounts/account.mapper';
import { BILLING_PAGE_SQL, type BillingPageRow } from '../server/accounts/account.repository';
import { LIVE_SESSION_SQL } from '../server/auth/session.repository';
import { exactTypes } from '../server/db/pg-types';

/*
 * What a yardstick does per request is what the API does on its fast path, and nothing else: the
 * bearer token's SHA-256, the session + role query, the account + next billing date + holder name
 * query (the very SQL strings the API runs), the same mapping to JSON, and the same headers (security
 * headers, X-Request-Id, ETag, Content-Type, Content-Length). No router, no validation, no middleware,
 * no log line, no session touch: that difference is what the ratio measures. It answers 401 and 404
 * tersely and knows no other route. Not a pattern for the server: see docs/performance.md.
 */

const ROUTE = /^\/api\/v1\/accounts\/([^/?]+)\/billing$/;
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;
const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

type Lookup = {
  session(accountId: string, tokenHash: string, now: string): Promise<{ role: 'holder' | 'user' | null } | undefined> | { role: 'holder' | 'user' | null } | undefined;
  page(accountId: string): Promise<BillingPageRow | undefined> | BillingPageRow | undefined;
};

function handler(lookup: Lookup): http.RequestListener {
  const refuse = (res: http.ServerResponse, status: number) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json', 'Content-Length': 2 });
    res.end('{}');
  };
  return async (req, res) => {
    try {
      const route = req.method === 'GET' ? ROUTE.exec(req.url ?? '') : null;
      if (!route) return refuse(res, 404);
      const token = BEARER.exec(req.headers.authorization ?? '');
      const accountId = route[1];
      const session = token ? await lookup.session(accountId, hash('sha256', token[1], 'hex'), new Date().toISOString()) : undefined;
      if (!session) return refuse(res, 401);
      if (!session.role) return refuse(res, 404);
      const row = await lookup.page(accountId);
      if (!row) return refuse(res, 404);
      const body = JSON.stringify(toBillingPage(row, session.role, row.next_billing_date ?? null, row.holder_name));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'X-Request-Id': randomUUID(),
        'Content-Type': 'application/json',
        ETag: `"${row.version}"`,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    } catch {
      if (!res.headersSent) refuse(res, 500);
    }
  };
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`)));
}

export interface Yardstick {
  url: string;
  close(): Promise<void>;
}

/** node:http + better-sqlite3: a read-only connection with the API's pragmas, two cached prepared statements. */
export async function startSqliteYardstick(dataDir: string): Promise<Yardstick> {
  const sqlite = new SQLite(path.join(dataDir, 'fastpath.db'), { readonly: true });
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('busy_timeout = 5000');
  const session = sqlite.prepare(LIVE_SESSION_SQL);
  const page = sqlite.prepare(BILLING_PAGE_SQL);
  const server = http.createServer(
    handler({
      session: (accountId, tokenHash, now) => session.get(accountId, tokenHash, now) as { role: 'holder' | 'user' | null } | undefined,
      page: (accountId) => page.get(accountId) as BillingPageRow | undefined,
    }),
  );
  const url = await listen(server);
  return { url, close: () => new Promise<void>((r) => server.close(() => (sqlite.close(), r()))) };
}

/** node:http + pg: a pool of the API's size, the same two queries as named prepared statements. */
export async function startPgYardstick(databaseUrl: string, searchPath: string, poolSize = 10): Promise<Yardstick> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: `-c search_path=${searchPath}`, types: exactTypes });
  let n = 0;
  const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
  const sessionText = numbered(LIVE_SESSION_SQL);
  n = 0;
  const pageText = numbered(BILLING_PAGE_SQL);
  const server = http.createServer(
    handler({
      session: async (accountId, tokenHash, now) =>
        (await pool.query({ name: 'yardstick_session', text: sessionText, values: [accountId, tokenHash, now] })).rows[0],
      page: async (accountId) => (await pool.query({ name: 'yardstick_page', text: pageText, values: [accountId] })).rows[0],
    }),
  );
  const url = await listen(server);
  return { url, close: () => new Promise<void>((r) => server.close(() => void pool.end().then(() => r()))) };
}
