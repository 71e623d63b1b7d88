// The hot read routes answer over HTTP through the Node adapter's fast path (plain header record, headers
// read from Node's parser): what a client receives must be what the in-process app answers, refusals included.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';
import { startTestServer } from '../helpers/server';

type Started = Awaited<ReturnType<typeof startTestServer>>;
let server: Started;
let api: TestApi;
beforeAll(async () => {
  [server, api] = await Promise.all([startTestServer(), createTestApi()]);
});
afterAll(async () => {
  await Promise.all([server.close(), api.close()]);
});

/** Headers that legitimately differ between two answers. */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'content-length']);
const stable = (headers: Headers) => Object.fromEntries([...headers].filter(([name]) => !VARYING.has(name)));

/**
 * Sends raw HTTP/1.1 bytes (fetch would merge repeated headers before they leave) and returns the status
 * line's code. The socket stays open for writing: a client that half-closes may lose its answer.
 */
function rawStatus(baseUrl: string, lines: string[]): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => {
      text += d;
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('close', () => reject(new Error(`no status line in: ${JSON.stringify(text.slice(0, 80))}`)));
    socket.on('error', reject);
  });
}

describe('hot answers over HTTP', () => {
  it('carry the headers and fields of the in-process answers, every security header and a request id', async () => {
    const overHttp = await tokenFor(server.db, 'ada@acme.test');
    const inProcess = await tokenFor(api.db, 'ada@acme.test');
    const httpAccount = (await server.db.selectFrom('accounts').select('id').where('company_name', '=', 'Acme Corp').executeTakeFirstOrThrow()).id;
    const account = await api.accountId('Acme Corp');
    // The demo's ids differ per database: compare the same page of each, with its own id.
    for (const [path, local] of [
      [`/accounts/${httpAccount}/billing`, `/accounts/${account}/billing`],
      ['/me', '/me'],
      [`/accounts/${httpAccount}/invoices`, `/accounts/${account}/invoices`],
    ]) {
      const a = await fetch(`${server.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${overHttp}` } });
      const b = await api.app.request(`/api/v1${local}`, { headers: { authorization: `Bearer ${inProcess}` } });
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(stable(a.headers)).toEqual(stable(b.headers));
      expect(a.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(Object.keys(JSON.parse(await a.text())).sort()).toEqual(Object.keys(JSON.parse(await b.text())).sort());
    }
  });

  it('refuse a request with two Authorization headers, as the web Request (which joins them) did', async () => {
    const token = await tokenFor(server.db, 'ada@acme.test');
    const { host } = new URL(server.baseUrl);
    const base = ['GET /api/v1/me HTTP/1.1', `Host: ${host}`, 'Connection: close'];
    expect(await rawStatus(server.baseUrl, [...base, `Authorization: Bearer ${token}`])).toBe(200);
    expect(await rawStatus(server.baseUrl, [...base, `Authorization: Bearer ${token}`, `Authorization: Bearer ${token}`])).toBe(401);
  });

  it('give refusals the same headers as before: 401 with its challenge, security headers and a request id', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: 'Bearer not-a-live-session-token-at-all' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
