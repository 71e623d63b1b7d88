// A PostgreSQL that goes silent (frozen host, cut link) answers 503 quickly instead of hanging the request (issue 21 §1).
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import { isConnectionError } from '../../server/db/connection-errors';

const url = process.env.DATABASE_URL;

/** A TCP relay to PostgreSQL that can stop passing bytes either way, as a frozen host or a cut link would. */
function relay(target: URL) {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    client.on('data', (d) => void (frozen || upstream.write(d)));
    upstream.on('data', (d) => void (frozen || client.write(d)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return {
    server,
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.skipIf(!url)('a database that goes silent', () => {
  let handle: DbHandle;
  let link: ReturnType<typeof relay>;

  beforeAll(async () => {
    link = relay(new URL(url!));
    await new Promise<void>((resolve) => link.server.listen(0, '127.0.0.1', resolve));
    const through = new URL(url!);
    through.host = `127.0.0.1:${(link.server.address() as AddressInfo).port}`;
    handle = connect({ dataDir: '/tmp', databaseUrl: through.toString(), poolSize: 2, statementTimeoutMs: 500 });
    await sql`select 1`.execute(handle.db);
  });

  afterAll(async () => {
    await handle?.close().catch(() => undefined);
    await link?.close();
  });

  it('fails a query on the silent connection as a lost connection, within the client timeout, and recovers', async () => {
    link.freeze();
    const started = Date.now();
    const error = await sql`select 1`.execute(handle.db).then(() => undefined, (e: unknown) => e);
    const waited = Date.now() - started;
    // statement_timeout (500 ms, which the silent server cannot enforce) plus the client's 2 s margin.
    expect(waited).toBeLessThan(10_000);
    expect(isConnectionError(error), String(error)).toBe(true);

    link.thaw();
    // The timed-out client was discarded, not lent again: the next queries get working connections.
    for (let i = 0; i < 3; i++) expect((await sql<{ n: number }>`select 1 as n`.execute(handle.db)).rows[0].n).toBe(1);
  });
});
