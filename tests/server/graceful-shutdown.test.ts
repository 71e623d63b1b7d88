// Issue 19: SIGTERM during a PATCH and a mail delivery loses nothing: the PATCH answers 200, each mail arrives exactly once.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { connect, type DbHandle } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { openApiDocument } from '../../server/http/document';
import type { Deps } from '../../server/http/env';
import { enqueueMail } from '../../server/mail/outbox.repository';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callApi } from '../helpers/http';
import { checkerFor } from '../helpers/openapi-validator';
import { envFor, type ServerProcess, spawnServer } from '../helpers/process-server';
import { type ReceivedMail, startSmtpServer } from '../helpers/smtp';

let database: TestDatabase;
let handle: DbHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const servers: ServerProcess[] = [];
/** The first mail is held by the SMTP server, before its 250, until the test lets it go. */
let letFirstMailGo: () => void = () => {};
let firstMailArrived: (mail: ReceivedMail) => void = () => {};
const firstMailHeld = new Promise<ReceivedMail>((resolve) => (firstMailArrived = resolve));
let held = false;
function holdFirstMail(mail: ReceivedMail): Promise<void> | void {
  if (held) return;
  held = true;
  firstMailArrived(mail);
  return new Promise<void>((go) => (letFirstMailGo = go));
}

beforeAll(async () => {
  database = await createTestDatabase();
  handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  smtp = await startSmtpServer({ onMessage: holdFirstMail });
  await migrateToLatest(handle.db);
});
afterAll(async () => {
  letFirstMailGo();
  await Promise.all(servers.map((s) => s.kill('SIGKILL')));
  await handle?.close();
  await smtp?.close();
  await database?.drop();
});

const start = async () => {
  const server = await spawnServer(
    envFor(database, { SMTP_URL: smtp.url, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', SHUTDOWN_TIMEOUT_SECONDS: '60', BILLING_RUN_INTERVAL_MINUTES: '0' }),
  );
  servers.push(server);
  return server;
};
const events = (server: ServerProcess) =>
  server.output().trim().split('\n').map((l) => JSON.parse(l) as { event?: string; method?: string });
const until = async (what: string, ok: () => boolean) => {
  await expect.poll(ok, { timeout: 30_000, message: what }).toBe(true);
};
const timesReceived = (messageId: string) => smtp.received.filter((m) => m.headers['message-id'] === messageId).length;

/** A PATCH whose body is sent in two halves: it is in flight from the first byte to the answer. */
function patchInTwoHalves(url: string, path: string, token: string, etag: string, body: string) {
  const { hostname, port } = new URL(url);
  const half = Math.floor(body.length / 2);
  let answer!: Promise<{ status: number; headers: Headers; text: string }>;
  const req = http.request({
    host: hostname,
    port,
    path: `/api/v1${path}`,
    method: 'PATCH',
    agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'if-match': etag },
  });
  answer = new Promise((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: new Headers(res.headers as Record<string, string>), text }));
    });
  });
  req.write(body.slice(0, half));
  return { answer, finish: () => req.end(body.slice(half)) };
}

describe('SIGTERM during a PATCH and a mail delivery', () => {
  it('finishes the PATCH, sends the mail in flight once, leaves the next mail to the next process, and exits 0', async () => {
    // Both due at start, so the sender's first round takes both: it must stop between them.
    const first = await enqueueMail(handle.db, { to: 'first@acme.test', subject: 'In flight at SIGTERM', text: 'One.' }, new Date(Date.now() - 2000));
    const second = await enqueueMail(handle.db, { to: 'second@acme.test', subject: 'Next in the round at SIGTERM', text: 'Two.' }, new Date(Date.now() - 1000));
    const a = await start();
    const inFlight = await firstMailHeld; // the SMTP server has the whole message and has not answered yet
    expect(inFlight.headers['message-id']).toBe(first);

    const signIn = await callApi(a.url, 'POST', '/sessions', { body: { email: 'ada@acme.test', password: 'fastpath-demo' } });
    const { token } = signIn.body;
    const account = signIn.body.profiles[0].accountId as string;
    const page = await callApi(a.url, 'GET', `/accounts/${account}/billing`, { token });
    const path = `/accounts/${account}/billing`;
    const patch = patchInTwoHalves(a.url, path, token, page.etag!, JSON.stringify({ contact: { companyName: 'Saved during SIGTERM' } }));
    await until('the PATCH reached the server', () => events(a).some((e) => e.event === 'http.request_started' && e.method === 'PATCH'));

    a.child.kill('SIGTERM');
    await until('the server is stopping', () => events(a).some((e) => e.event === 'server.stopping'));
    // It accepts no new connection any more…
    await expect(fetch(`${a.url}/api/v1/ready`)).rejects.toThrow();
    // …but the request in flight is served to its end.
    patch.finish();
    const answer = await patch.answer;
    expect(answer.status).toBe(200);
    const check = await checkerFor('source tree', async () => openApiDocument(createApp({} as Deps)));
    check({ method: 'PATCH', path: `/api/v1${path}`, ...answer });
    expect(JSON.parse(answer.text).contact.companyName).toBe('Saved during SIGTERM');

    letFirstMailGo();
    expect(await a.exited).toBe(0);
    const outbox = async (id: string) => handle.db.selectFrom('outbox_emails').select('sent_at').where('message_id', '=', id).executeTakeFirstOrThrow();
    expect((await outbox(first)).sent_at).not.toBeNull();
    expect(timesReceived(first)).toBe(1);
    // The next mail of the same round was not started: it waits for the next process, unclaimed.
    expect((await outbox(second)).sent_at).toBeNull();
    expect(timesReceived(second)).toBe(0);
    expect(events(a).map((e) => e.event)).toEqual(expect.arrayContaining(['server.signal', 'server.stopping', 'mail.delivered', 'server.stopped']));

    const b = await start();
    await until('the next process sends the queued mail', () => timesReceived(second) === 1);
    const saved = await callApi(b.url, 'GET', path, { token });
    expect(saved.body.contact.companyName).toBe('Saved during SIGTERM');
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(timesReceived(first)).toBe(1);
    expect(timesReceived(second)).toBe(1);
  }, 120_000);
});
