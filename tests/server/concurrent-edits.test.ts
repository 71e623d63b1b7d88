// Nothing lost under contention: 20 clients × 25 read-modify-write saves with If-Match and retry on 412.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../helpers/http';
import { startTestServer } from '../helpers/server';
import { tokenFor } from '../helpers/principals';

const CLIENTS = 20;
const SAVES_EACH = 25;
let server: Awaited<ReturnType<typeof startTestServer>>;
let token: string;
let acme: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await tokenFor(server.db, 'ada@acme.test');
  acme = (await server.db.selectFrom('accounts').select('id').where('company_name', '=', 'Acme Corp').executeTakeFirstOrThrow()).id;
});
afterAll(() => server.close());

interface Page {
  version: number;
  contact: { lastName: string };
}

const call = (method: string, body?: unknown, ifMatch?: string) =>
  callApi<Page & { current?: Page }>(server.baseUrl, method, `/accounts/${acme}/billing`, {
    token,
    body,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

const countOf = (page: Page) => Number(page.contact.lastName.replace(/\D/g, '')) || 0;

describe('concurrent edits of the Billing page', () => {
  it('reflects exactly the successful writes: none lost, none doubled', async () => {
    const start = (await call('GET')).body;
    let successes = 0;
    let conflicts = 0;
    const client = async () => {
      let page = (await call('GET')).body;
      for (let saved = 0; saved < SAVES_EACH; ) {
        const res = await call('PATCH', { contact: { lastName: `Count ${countOf(page) + 1}` } }, `"${page.version}"`);
        if (res.status === 200) {
          saved++;
          successes++;
          page = res.body;
        } else {
          expect(res.status).toBe(412);
          conflicts++;
          page = res.body.current!; // the 412 carries the fresh page: no extra read needed
          // Back off a little, as a real client would, so twenty of them do not retry in lockstep.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * CLIENTS));
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const end = (await call('GET')).body;
    expect(successes).toBe(CLIENTS * SAVES_EACH);
    expect(countOf(end)).toBe(countOf(start) + successes);
    expect(end.version).toBe(start.version + successes);
    expect(conflicts).toBeGreaterThan(0);
    console.log(`${successes} saves, ${conflicts} refused as stale and retried`);
    const audited = await server.db.selectFrom('audit_log').select('id').where('action', '=', 'billing_page.updated').execute();
    expect(audited).toHaveLength(successes);
  }, 120_000);
});
