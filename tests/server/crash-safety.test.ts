// Crash safety: SIGKILL the real server at random moments; every acknowledged write survives, the
// outbox holds the mail of every acknowledged case, and SQLite's integrity check stays "ok".
import SQLite from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../server/db/connect';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callApi } from '../helpers/http';
import { envFor, spawnServer } from '../helpers/process-server';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const call = (url: string, method: string, p: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(url, method, p, { token, body, headers });

/**
 * The filing limits (R13, tested in change-request-rules.test.ts) would stop the writer after a few
 * cases; while the server is down, the filings so far are moved out of the limits' window.
 */
async function forgetFilingTimes() {
  const handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  try {
    await handle.db.updateTable('change_requests').set({ created_at: '2000-01-01T00:00:00.000Z' }).execute();
  } finally {
    await handle.close();
  }
}

describe('crash safety', () => {
  it(`keeps every acknowledged write across ${CYCLES} SIGKILLs`, async () => {
    const env = envFor(database, { BILLING_RUN_INTERVAL_MINUTES: '0' });
    let server = await spawnServer(env);
    const ada = (await call(server.url, 'POST', '/sessions', undefined, { email: 'ada@acme.test', password: 'fastpath-demo' })).body.token;
    const chloe = (await call(server.url, 'POST', '/sessions', undefined, { email: 'chloe@globex.test', password: 'fastpath-demo' })).body.token;
    const me = async (token: string) => (await call(server.url, 'GET', '/me', token)).body.profiles[0].accountId as string;
    const acme = await me(ada);
    const globex = await me(chloe);
    let lastAckedCount = 0;
    const ackedCases: string[] = [];
    const ackedWithdrawals: string[] = [];

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const deadline = Date.now() + 50 + Math.random() * 400;
      const killAt = new Promise<void>((resolve) => setTimeout(resolve, deadline - Date.now()));
      const killed = killAt.then(() => server.kill('SIGKILL'));
      const writer = (async () => {
        try {
          while (Date.now() < deadline) {
            const page = await call(server.url, 'GET', `/accounts/${acme}/billing`, ada);
            const n = Number(String(page.body.contact.lastName).replace(/\D/g, '')) || 0;
            const saved = await call(server.url, 'PATCH', `/accounts/${acme}/billing`, ada, { contact: { lastName: `Count ${n + 1}` } }, { 'if-match': page.etag! });
            if (saved.status === 200) lastAckedCount = n + 1;
            const globexPage = await call(server.url, 'GET', `/accounts/${globex}/billing`, chloe);
            const current = { address: globexPage.body.billing.address, phone: globexPage.body.billing.phone, email: globexPage.body.billing.email };
            const filed = await call(server.url, 'POST', `/accounts/${globex}/change-requests`, chloe, {
              contactEmail: 'chloe@globex.test', current, requested: { ...current, email: `ap${cycle}@globex.test` }, details: `cycle ${cycle}`,
            });
            if (filed.status === 201) ackedCases.push(filed.body.caseNumber);
            // One open case per account (R13): withdraw it (or the one a killed cycle left open) to file the next.
            const open = filed.status === 201 ? filed.body.id : filed.body?.openCase?.id;
            if (open) {
              const withdrawn = await call(server.url, 'POST', `/accounts/${globex}/change-requests/${open}/withdraw`, chloe);
              if (withdrawn.status === 200) ackedWithdrawals.push(withdrawn.body.caseNumber);
            }
          }
        } catch {
          // the connection died with the server: that request was never acknowledged
        }
      })();
      await Promise.all([killed, writer]);
      if (!database.config.databaseUrl) {
        const file = new SQLite(path.join(database.config.dataDir, 'fastpath.db'), { readonly: true });
        expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
        file.close();
      }
      await forgetFilingTimes();
      server = await spawnServer(env);
      const now = (await call(server.url, 'GET', `/accounts/${acme}/billing`, ada)).body.contact.lastName;
      const stored = Number(String(now).replace(/\D/g, '')) || 0;
      // A write acknowledged is there; one cut off mid-flight may have landed too (then it is one more).
      expect(stored === lastAckedCount || stored === lastAckedCount + 1).toBe(true);
      lastAckedCount = stored;
    }
    await server.kill('SIGTERM');

    const handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
    try {
      const cases = await handle.db.selectFrom('change_requests').select(['case_number', 'status']).execute();
      const mails = await handle.db.selectFrom('outbox_emails').select('text_body').execute();
      for (const caseNumber of ackedCases) {
        expect(cases.map((c) => c.case_number)).toContain(caseNumber);
        expect(mails.some((m) => m.text_body.includes(caseNumber))).toBe(true);
      }
      for (const caseNumber of ackedWithdrawals) {
        expect(cases.find((c) => c.case_number === caseNumber)?.status).toBe('withdrawn');
      }
      expect(ackedCases.length).toBeGreaterThan(CYCLES / 2);
      expect(lastAckedCount).toBeGreaterThan(CYCLES);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
