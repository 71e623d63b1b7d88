// Opens the database: better-sqlite3 in DATA_DIR by default, PostgreSQL when DATABASE_URL says so.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database';
import { exactTypes } from './pg-types';
import { makePrivateDir, makePrivateFiles } from './private-files';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL only: the connection pool, for its use in the metrics. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL only: the schema to use (tests give each run its own). */
  searchPath?: string;
  /** PostgreSQL only: pool size (default 10) and per-statement timeout (default 10 s). */
  poolSize?: number;
  statementTimeoutMs?: number;
  /** PostgreSQL only: told once per connection that lost its server; a line on stderr by default. */
  onConnectionLost?: (err: Error) => void;
}

/**
 * SQLite only: a second, read-only connection per database for the hot reads of every request, run as
 * cached prepared statements (~8 µs instead of ~30 µs through Kysely's builder). Being a separate
 * connection it sees committed rows only, never a half-done transaction of the writer — as a pooled
 * PostgreSQL connection would.
 */
const readers = new WeakMap<object, { sqlite: SQLite.Database; statements: Map<string, SQLite.Statement> }>();

/** A cached prepared statement on the read connection, or undefined (PostgreSQL, or `db` is a transaction). */
export function preparedRead(db: object, sql: string): SQLite.Statement | undefined {
  const reader = readers.get(db);
  if (!reader) return undefined;
  let statement = reader.statements.get(sql);
  if (!statement) {
    statement = reader.sqlite.prepare(sql);
    reader.statements.set(sql, statement);
  }
  return statement;
}

/** PostgreSQL only: the pool behind each `db`, for the hot reads below (a transaction is another object: absent). */
const pools = new WeakMap<object, pg.Pool>();

/**
 * A hot read written once for both databases: SQL with `?` placeholders (SQLite's form), its PostgreSQL
 * form with `$1…$n`, and a name under which PostgreSQL keeps it prepared on each pooled connection.
 * Column aliases that are not all lower case must be quoted (`as "sessionId"`): PostgreSQL folds the
 * unquoted ones. The SQL must not depend on anything but its parameters (one plan per connection).
 */
export interface HotQuery {
  name: string;
  sqlite: string;
  postgres: string;
}

/** Builds a HotQuery; `name` must be unique in the process (PostgreSQL keeps one statement per name per connection). */
export function hotQuery(name: string, sql: string): HotQuery {
  let n = 0;
  return { name, sqlite: sql, postgres: sql.replace(/\?/g, () => `$${++n}`) };
}

/**
 * The first row of a hot read on the fast path of `db`, or `fallback()` when there is none (`db` is a
 * transaction: its reads must see its own writes, so they go through Kysely). SQLite: a cached prepared
 * statement on the read-only connection. PostgreSQL: a named prepared statement (parsed and planned once
 * per pooled connection, then only bound and executed), one round trip, no Kysely compilation.
 * The caller keeps `fallback` the same query through Kysely (tests/server/prepared-reads.test.ts).
 */
export async function hotReadOne<T>(db: object, query: HotQuery, values: unknown[], fallback: () => Promise<T | undefined>): Promise<T | undefined> {
  const reader = readers.get(db);
  if (reader) return preparedRead(db, query.sqlite)!.get(...values) as T | undefined;
  const pool = pools.get(db);
  if (pool) return (await pool.query({ name: query.name, text: query.postgres, values })).rows[0] as T | undefined;
  return fallback();
}

/** Whether `db` has the hot-read fast path (the database handle itself, not a transaction). */
export const hasHotReads = (db: object) => readers.has(db) || pools.has(db);

/**
 * Kysely's SQLite driver prepares every query anew (~20 µs); handing it a connection whose `prepare`
 * remembers statements by their SQL makes every repeated query skip that. better-sqlite3 re-prepares
 * a statement by itself after a schema change, and one connection runs one statement at a time.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      if (statements.size >= limit) statements.clear();
      statement = sqlite.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** How long after statement_timeout the client stops waiting for a silent server. */
const QUERY_TIMEOUT_MARGIN_MS = 2_000;
/** node-postgres's message when query_timeout fires. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

export function connect(opts: ConnectOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      statement_timeout: opts.statementTimeoutMs ?? 10_000,
      // statement_timeout is PostgreSQL's own: it cannot fire when the server or the network went silent
      // (a frozen host, a cut link). The client gives up a little after it, and TCP keepalive notices a
      // dead peer on idle connections.
      query_timeout: (opts.statementTimeoutMs ?? 10_000) + QUERY_TIMEOUT_MARGIN_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 5_000,
      options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
      types: exactTypes,
    });
    // A connection that loses its server (failover, restart, pg_terminate_backend) emits 'error'. pg-pool
    // listens only while the client is idle, and an 'error' nobody hears ends the process; so every client
    // gets a listener of its own for its whole life. The query in flight is rejected (a 503 for its
    // request, see connection-errors.ts), and pg-pool drops the broken client on release (it is no longer
    // queryable), so the next checkout opens a fresh connection.
    pool.on('connect', (client) => {
      let logged = false; // pg reports a terminated backend twice: its FATAL message, then the socket's end
      client.on('error', (err) => {
        if (!logged) (opts.onConnectionLost ?? ((e: Error) => console.error(`PostgreSQL connection lost: ${e.message}`)))(err);
        logged = true;
      });
      // A query that timed out on our side leaves its connection in an unknown state, its answer maybe
      // still to come: end the client before the caller hears of it, so that when Kysely releases it,
      // pg-pool sees it ending and discards it instead of lending it again.
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
        const result = query(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((err: unknown) => {
          if (err instanceof Error && err.message === QUERY_READ_TIMEOUT) void client.end().catch(() => undefined);
          throw err;
        });
      };
    });
    // pg-pool re-emits an idle client's error here too; the client's own listener has logged it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return {
      db,
      dialect: 'postgres',
      pool,
      close: () => {
        pools.delete(db);
        return db.destroy();
      },
    };
  }
  makePrivateDir(opts.dataDir);
  const file = path.join(opts.dataDir, 'fastpath.db');
  const sqlite = new SQLite(file);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  // SQLite gives -wal and -shm the database file's mode when it creates them; older ones are tightened here.
  makePrivateFiles(file, `${file}-wal`, `${file}-shm`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const reader = new SQLite(file, { readonly: true });
  for (const connection of [sqlite, reader]) {
    // 64 MB page cache and memory-mapped reads: the history index of a large database stays in memory.
    connection.pragma('cache_size = -65536');
    connection.pragma('mmap_size = 268435456');
  }
  reader.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  readers.set(db, { sqlite: reader, statements: new Map() });
  return {
    db,
    dialect: 'sqlite',
    async close() {
      readers.delete(db);
      reader.close();
      await db.destroy();
    },
  };
}
