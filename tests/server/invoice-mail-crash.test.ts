// A server killed in the middle of delivering a receipt's mails (R15, issue 14): after another server takes over, every address has
// exactly one receipt (a redelivery repeats the same Message-ID), each with its PDF. Real processes, real SMTP, SQLite or PostgreSQL.
import { expect, it } from 'vitest';
import { callApi } from '../helpers/http';
import { useMailProcesses } from '../helpers/mail-processes';

const procs = useMailProcesses();
const signIn = async (url: string, email: string) =>
  (await callApi(url, 'POST', '/sessions', { body: { email, password: 'fastpath-demo' } })).body.token as string;

it('kill after the SMTP server took the 2nd of 3 receipt mails: each address ends with one receipt (one Message-ID), PDF attached', async () => {
  const doomed = await procs.startServer();
  const chloe = await signIn(doomed.url, 'chloe@globex.test');
  const sam = await signIn(doomed.url, 'sam@support.test');
  const globex = (await callApi(doomed.url, 'GET', '/me', { token: chloe })).body.profiles[0].accountId;
  const saved = await callApi(doomed.url, 'PATCH', `/accounts/${globex}/billing`, {
    token: chloe, headers: { 'if-match': '*' }, body: { billing: { invoiceRecipients: ['direction@globex.test', 'ap@globex.test'] } },
  });
  expect(saved.status).toBe(200);
  const open = (await callApi(doomed.url, 'GET', `/accounts/${globex}/invoices?status=open`, { token: chloe })).body.items[0];

  let killedAt = 0;
  procs.onMessage = async () => {
    if (procs.smtp.received.length !== 2) return;
    procs.onMessage = () => {};
    await doomed.kill('SIGKILL'); // the SMTP server holds the 2nd mail; the sender never hears 250 nor marks it sent
    killedAt = Date.now();
  };
  expect((await callApi(doomed.url, 'POST', `/support/invoices/${open.id}/mark-paid`, { token: sam })).status).toBe(200);
  await doomed.exited;
  const queued = await procs.handle.db.selectFrom('outbox_emails').selectAll().where('subject', 'like', `%${open.number}%`).execute();
  expect(queued).toHaveLength(3);
  expect(queued.filter((m) => m.sent_at === null).length).toBeGreaterThanOrEqual(2);

  await procs.startServer();
  await expect
    .poll(async () => (await procs.handle.db.selectFrom('outbox_emails').select('id').where('sent_at', 'is', null).execute()).length, { timeout: 90_000, interval: 250 })
    .toBe(0);
  const receipts = procs.smtp.received.filter((m) => m.text.includes(open.number));
  const byAddress = new Map<string, Set<string>>();
  for (const m of receipts) byAddress.set(m.envelopeTo[0], (byAddress.get(m.envelopeTo[0]) ?? new Set()).add(m.headers['message-id']));
  expect([...byAddress.keys()].sort()).toEqual(['ap@globex.test', 'compta@globex.test', 'direction@globex.test']);
  // Exactly one mail per address and event: at most one redelivery, of the stranded mail, with its Message-ID.
  expect([...byAddress.values()].every((ids) => ids.size === 1)).toBe(true);
  expect(receipts).toHaveLength(4);
  // The redelivery is byte for byte the first delivery, PDF included (rendered again from the same invoice).
  const twice = receipts.filter((m) => receipts.filter((n) => n.headers['message-id'] === m.headers['message-id']).length === 2);
  expect(twice).toHaveLength(2);
  expect(twice[1].raw).toBe(twice[0].raw);
  expect(Date.now() - killedAt).toBeLessThan(90_000);
  for (const m of receipts) {
    expect(m.headers['content-language']).toBe('fr');
    expect(m.parsed.attachments).toHaveLength(1);
    expect(m.parsed.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(m.parsed.attachments[0].filename).toMatch(/^\d{4}-\d{2}-\d{2}_FP-\d{4}-\d{6}_receipt_RC-\d{4}-\d{6}\.pdf$/);
    expect(m.parsed.attachments[0].size).toBeGreaterThan(1000);
  }
}, 180_000);
