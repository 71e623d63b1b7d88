// Starts the real API over HTTP on a random loopback port with a fresh database and the demo data.
import { startServer } from '../../server/server';
import { createTestDatabase } from './database';
import { demoPasswordHash } from './demo';

export async function startTestServer(opts: { now?: () => Date } = {}) {
  const database = await createTestDatabase();
  const server = await startServer(database.config, {
    now: opts.now,
    searchPath: database.searchPath,
    demoPasswordHash: await demoPasswordHash(),
  });
  return {
    baseUrl: server.url,
    db: server.handle.db,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
