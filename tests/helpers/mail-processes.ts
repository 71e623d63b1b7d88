// Suites that run real server processes against a real SMTP server: one test database, one SMTP server, the servers they spawn.
import { afterAll, beforeAll } from 'vitest';
import { connect, type DbHandle } from '../../server/db/connect';
import { createTestDatabase, type TestDatabase } from './database';
import { envFor, type ServerProcess, spawnServer } from './process-server';
import { type ReceivedMail, startSmtpServer } from './smtp';

export interface MailProcesses {
  database: TestDatabase;
  handle: DbHandle;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  /** Called by the SMTP server when a whole mail has arrived, before it answers 250; a test may replace it. */
  onMessage: (mail: ReceivedMail) => Promise<void> | void;
  /** Spawns a server on the test database that sends over the SMTP server; all are killed after the suite. */
  startServer: () => Promise<ServerProcess>;
}

/** Registers the suite's beforeAll/afterAll and returns the fixture they fill. */
export function useMailProcesses(): MailProcesses {
  const servers: ServerProcess[] = [];
  const fixture = {
    onMessage: () => {},
    startServer: async () => {
      const server = await spawnServer(envFor(fixture.database, { SMTP_URL: fixture.smtp.url }));
      servers.push(server);
      return server;
    },
  } as unknown as MailProcesses;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    const { config, searchPath } = fixture.database;
    fixture.handle = connect({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, searchPath });
    fixture.smtp = await startSmtpServer({ onMessage: (mail) => fixture.onMessage(mail) });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await fixture.handle?.close();
    await fixture.smtp?.close();
    await fixture.database?.drop();
  });
  return fixture;
}
