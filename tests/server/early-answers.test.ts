// Answers sent before the request body was read (413, 415, 401) close the connection, over a real keep-alive socket.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
let agent: http.Agent;
beforeAll(async () => {
  server = await startTestServer();
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

interface Answer {
  status: number;
  connection: string | undefined;
  socket: object;
}

/** One request through the shared keep-alive agent (one socket at most), body written in full. */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.baseUrl}/api/v1${path}`, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, socket: req.socket! }));
    });
    // The server may answer and close before the whole body is written: that is the point, not an error.
    req.on('error', (err: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(err.code ?? '') ? undefined : reject(err)));
    req.end(body);
  });
}

const big = Buffer.from(JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024), password: 'x' }));

describe('an answer given before the body was read', () => {
  it.each([
    ['413 for a 2 MB body', 'POST', '/sessions', { 'content-type': 'application/json' }, big, 413],
    ['415 for a body that is not JSON', 'POST', '/sessions', { 'content-type': 'text/plain' }, Buffer.from('x'.repeat(10_000)), 415],
    ['401 for a large body without a token', 'POST', '/me/password', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ currentPassword: 'x'.repeat(60_000), newPassword: 'y' })), 401],
    ['400 from the URL guard, before any route', 'POST', '/accounts/%00/billing', { 'content-type': 'application/json' }, Buffer.from('x'.repeat(60_000)), 400],
  ])('%s says Connection: close, and the next request on the agent succeeds', async (_name, method, path, headers, body, status) => {
    const early = await send(method, path, { ...headers, 'content-length': String(body.length) }, body);
    expect(early.status).toBe(status);
    expect(early.connection).toBe('close');
    const next = await send('GET', '/health', {});
    expect(next.status).toBe(200);
    expect(next.socket).not.toBe(early.socket);
  });

  it('keeps the connection when the body was read (a 400 for a bad field), so clients reuse it', async () => {
    const first = await send('POST', '/sessions', { 'content-type': 'application/json' }, Buffer.from('{"email":"ada@acme.test"}'));
    expect(first.status).toBe(400);
    expect(first.connection).not.toBe('close');
    const next = await send('GET', '/health', {});
    expect(next.socket).toBe(first.socket);
  });
});
