// Mail across real processes: a support command run without SMTP_URL only queues, and the server sends over SMTP once;
// a server killed after the SMTP server took a mail and before marking it sent is covered by another within 60 s.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { callApi } from '../helpers/http';
import { useMailProcesses } from '../helpers/mail-processes';

const procs = useMailProcesses();
const outbox = (subjectLike: string) =>
  procs.handle.db.selectFrom('outbox_emails').selectAll().where('subject', 'like', subjectLike).executeTakeFirstOrThrow();
const arrived = (subject: string) => procs.smtp.received.filter((m) => m.headers.subject === subject);

async function fileCase(url: string, contactEmail: string) {
  const chloe = (await callApi(url, 'POST', '/sessions', { body: { email: 'chloe@globex.test', password: 'fastpath-demo' } })).body.token;
  const globex = (await callApi(url, 'GET', '/me', { token: chloe })).body.profiles[0].accountId;
  const page = (await callApi(url, 'GET', `/accounts/${globex}/billing`, { token: chloe })).body.billing;
  const current = { address: page.address, phone: page.phone, email: page.email };
  const filed = await callApi(url, 'POST', `/accounts/${globex}/change-requests`, {
    token: chloe,
    body: { contactEmail, current, requested: { ...current, email: 'ap@globex.test' }, details: 'process test' },
  });
  expect(filed.status).toBe(201);
  return filed.body.caseNumber as string;
}

it('a support command run without SMTP_URL queues the mail, and the server configured with SMTP sends it, once', async () => {
  const server = await procs.startServer();
  const caseNumber = await fileCase(server.url, 'chloe@globex.test');
  await expect.poll(() => procs.smtp.received.length, { timeout: 30_000 }).toBe(1);

  const cli = await runCli(procs.database, ['support', 'reject', caseNumber, '--staff', 'sam@support.test', '--reason', 'Wrong'], '', { SMTP_URL: '' });
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(cli.stdout).toContain('E-mail queued: the running API server sends it');

  const rejected = await outbox(`%${caseNumber}%refus%`); // Chloé reads French
  await expect.poll(async () => (await outbox(`%${caseNumber}%refus%`)).sent_at, { timeout: 30_000 }).not.toBeNull();
  expect(arrived(rejected.subject)).toHaveLength(1);
  expect(arrived(rejected.subject)[0].headers['message-id']).toBe(rejected.message_id);
  // The CLI wrote no file and marked nothing sent on its own.
  expect(fs.existsSync(path.join(procs.database.config.dataDir, 'mail'))).toBe(false);
  await server.kill('SIGKILL');
}, 90_000);

it('a server killed after the SMTP server took a mail, before marking it sent: the mail comes again within 60 s, same Message-ID, never a third time', async () => {
  const doomed = await procs.startServer();
  let killedAt = 0;
  procs.onMessage = async (mail) => {
    if (mail.envelopeTo[0] !== 'crash@globex.test') return;
    procs.onMessage = () => {};
    await doomed.kill('SIGKILL'); // the SMTP server holds the whole mail; the sender never hears 250
    killedAt = Date.now();
  };
  const caseNumber = await fileCase(doomed.url, 'crash@globex.test');
  await doomed.exited;
  const stranded = await outbox(`%${caseNumber}%`);
  expect(stranded).toMatchObject({ sent_at: null, claimed_by: expect.any(String) });
  expect(procs.smtp.received.filter((m) => m.headers['message-id'] === stranded.message_id)).toHaveLength(1);
  // The dead sender's claim ends at most one lease (30 s) after its last renewal.
  expect(Date.parse(stranded.next_attempt_at) - killedAt).toBeLessThanOrEqual(30_000);

  await procs.startServer(); // a restarted or other instance
  const copies = () => procs.smtp.received.filter((m) => m.headers['message-id'] === stranded.message_id);
  await expect.poll(() => copies().length, { timeout: Math.max(1, 60_000 - (Date.now() - killedAt)), interval: 250 }).toBe(2);
  expect(copies()[1].receivedAt - killedAt).toBeLessThan(60_000);
  expect(copies()[1].raw).toBe(copies()[0].raw); // byte for byte the same message
  await expect.poll(async () => (await outbox(`%${caseNumber}%`)).sent_at, { timeout: 30_000 }).not.toBeNull();
  expect(copies()).toHaveLength(2);
}, 150_000);
