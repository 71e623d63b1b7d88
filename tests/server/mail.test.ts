// Change-request mails delivered for real: SMTP round trip in the filer's language, retries with backoff, claims that
// outlive a slow send but not a dead sender, .eml files without SMTP readable only by their owner.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, createMailSender, type MailDelivery } from '../../server/mail/mail.sender';
import { formatDate } from '../../server/mail/mail.templates';
import { claimMail } from '../../server/mail/outbox.repository';
import { createTestApi, type TestApi } from '../helpers/api';
import { readMail, startSmtpServer } from '../helpers/smtp';

let api: TestApi;
let globex: string;
let chloe: string;
let clock = new Date();
const now = () => clock;
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  api = await createTestApi({ now });
  globex = await api.accountId('Globex SARL');
  chloe = await api.signIn('chloe@globex.test');
});
afterAll(() => api.close());
// Each test starts with an empty queue, so counts only see its own mails.
beforeEach(() => api.db.updateTable('outbox_emails').set({ sent_at: clock.toISOString() }).where('sent_at', 'is', null).execute());

/**
 * Files a case. One open case per account and the filing limits (R13) would refuse the next one, so
 * the previous case is closed in the database (no withdrawal mail in these counts) and a day passes.
 */
async function fileCase(contactEmail = 'chloe@globex.test') {
  await api.db.updateTable('change_requests').set({ status: 'withdrawn' }).where('status', '=', 'open').execute();
  later(24 * 60 * 60 * 1000 + 1000);
  const details = {
    address: { line1: '8 rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' },
    phone: '+33142868201',
    email: 'compta@globex.test',
  };
  const body = { contactEmail, current: details, requested: { ...details, email: 'factures@globex.test' }, details: 'Nouvelle adresse' };
  const res = await api.request('POST', `/accounts/${globex}/change-requests`, { token: chloe, body });
  expect(res.status).toBe(201);
  const mail = await api.db.selectFrom('outbox_emails').selectAll().where('sent_at', 'is', null).executeTakeFirstOrThrow();
  return { caseNumber: res.body.caseNumber as string, expectedFrom: res.body.expectedFrom as string, mail };
}
const setLocale = (locale: 'en' | 'fr') =>
  api.db.updateTable('users').set({ locale }).where('email', '=', 'chloe@globex.test').execute();
const outboxRow = (id: string) => api.db.selectFrom('outbox_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const smtpSender = (port: number, extra: Partial<Parameters<typeof createMailSender>[0]> = {}) =>
  createMailSender({ db: api.db, delivery: { smtpUrl: `smtp://127.0.0.1:${port}` }, now, log: () => {}, ...extra });

describe('over SMTP', () => {
  it('delivers the mail to the case contact, in the language of the person who filed it', async () => {
    const smtp = await startSmtpServer();
    const sender = smtpSender(smtp.port);
    try {
      const fr = await fileCase('compta@globex.test');
      expect(await sender.deliverDue()).toBe(1);
      const [received] = smtp.received;
      expect(received.envelopeTo).toEqual(['compta@globex.test']);
      expect(received.headers.to).toBe('compta@globex.test');
      expect(received.headers.from).toContain('no-reply@fastpath.local');
      expect(received.headers.subject).toBe(`Nous avons bien reçu votre demande de modification de facturation ${fr.caseNumber}`);
      expect(received.headers['message-id']).toBe(fr.mail.message_id);
      expect(received.text).toContain(`Numéro de dossier : ${fr.caseNumber}`);
      expect(received.text).toMatch(/entre le \w+ \d{1,2}(er)? \S+ \d{4} et le/);
      expect((await outboxRow(fr.mail.id)).sent_at).toBe(clock.toISOString());

      await setLocale('en');
      const en = await fileCase();
      expect(await sender.deliverDue()).toBe(1);
      expect(smtp.received[1].envelopeTo).toEqual(['chloe@globex.test']);
      expect(smtp.received[1].headers.subject).toBe(`We received your billing change request ${en.caseNumber}`);
      expect(smtp.received[1].text).toContain(`Case number: ${en.caseNumber}`);
      expect(smtp.received[1].text).toContain('(5 to 7 business days)');

      expect(await sender.deliverDue()).toBe(0);
      expect(smtp.received).toHaveLength(2);
    } finally {
      await setLocale('fr');
      await sender.stop();
      await smtp.close();
    }
  });

  it('retries with growing delays while SMTP is down, then delivers exactly once with the same Message-ID', async () => {
    const probe = await startSmtpServer();
    await probe.close(); // a port where nothing listens: SMTP is down
    const sender = smtpSender(probe.port);
    const { mail } = await fileCase();

    expect(await sender.deliverDue()).toBe(0);
    const failed = await outboxRow(mail.id);
    expect(failed).toMatchObject({ attempts: 1, sent_at: null, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(new Date(failed.next_attempt_at).getTime() - clock.getTime()).toBe(30_000);
    expect(await sender.deliverDue()).toBe(0); // not due yet: no attempt
    expect((await outboxRow(mail.id)).attempts).toBe(1);

    later(30_000);
    expect(await sender.deliverDue()).toBe(0);
    const again = await outboxRow(mail.id);
    expect(again.attempts).toBe(2);
    expect(new Date(again.next_attempt_at).getTime() - clock.getTime()).toBe(60_000);

    const smtp = await startSmtpServer(probe.port); // SMTP is back
    try {
      const deliveredAt = later(60_000).toISOString();
      expect(await sender.deliverDue()).toBe(1);
      later(60 * 60 * 1000);
      expect(await sender.deliverDue()).toBe(0);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].headers['message-id']).toBe(mail.message_id);
      expect(await outboxRow(mail.id)).toMatchObject({ attempts: 2, sent_at: deliveredAt });
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });

  it('sends again, with the same Message-ID, a mail whose sender died before marking it sent, once its 30 s lease ran out', async () => {
    expect(CLAIM_LEASE_MS).toBeLessThanOrEqual(30_000); // + one 5 s server round: stranded mail goes out within 60 s
    const smtp = await startSmtpServer();
    const sender = smtpSender(smtp.port);
    try {
      const { mail } = await fileCase();
      // Another sender claimed it and then died: the claim holds it for a while, then it is due again.
      expect(await claimMail(api.db, mail, 'dead-sender', new Date(clock.getTime() + CLAIM_LEASE_MS))).toBe(true);
      expect(await sender.deliverDue()).toBe(0);
      later(CLAIM_LEASE_MS);
      expect(await sender.deliverDue()).toBe(1);
      expect(smtp.received.map((m) => m.headers['message-id'])).toEqual([mail.message_id]);
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });

  it('delivers in a loop once started, until stopped', async () => {
    const smtp = await startSmtpServer();
    const sender = smtpSender(smtp.port);
    try {
      await fileCase();
      sender.start(20);
      await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(1);
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });
  it('keeps the claim of a send slower than the lease, so a second sender does not send it too', async () => {
    // Real time here: the lease is renewed by a timer while the SMTP server takes 3 leases to answer.
    const start = Date.now();
    const moving = () => new Date(clock.getTime() + (Date.now() - start));
    const smtp = await startSmtpServer({ onMessage: () => new Promise((r) => setTimeout(r, 1500)) });
    const lease = { now: moving, leaseMs: 500, renewEveryMs: 100 };
    const [slow, eager] = [smtpSender(smtp.port, lease), smtpSender(smtp.port, lease)];
    try {
      const { mail } = await fileCase();
      const sending = slow.deliverDue();
      let eagerDelivered = 0;
      while ((await outboxRow(mail.id)).sent_at === null) {
        eagerDelivered += await eager.deliverDue();
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await sending).toBe(1);
      expect(eagerDelivered).toBe(0);
      expect(smtp.received).toHaveLength(1);
      expect((await outboxRow(mail.id)).claimed_by).toBeNull();
    } finally {
      await Promise.all([slow.stop(), eager.stop()]);
      await smtp.close();
    }
  });
});

describe('without SMTP_URL', () => {
  it('writes an RFC 5322 .eml file per mail into DATA_DIR/mail', async () => {
    const dataDir = api.database.config.dataDir;
    const sender = createMailSender({ db: api.db, delivery: { emlDir: path.join(dataDir, 'mail') }, now });
    try {
      const { caseNumber, mail } = await fileCase();
      expect(await sender.deliverDue()).toBe(1);
      const dir = path.join(dataDir, 'mail');
      const files = fs.readdirSync(dir).filter((f) => f.includes(mail.id));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const raw = fs.readFileSync(path.join(dir, files[0]), 'utf8');
      expect(raw).not.toMatch(/[^\r]\n/); // CRLF line ends only
      const { headers, text, html } = await readMail(raw);
      expect(headers).toMatchObject({ to: 'chloe@globex.test', 'message-id': mail.message_id });
      expect(headers.subject).toContain(caseNumber);
      expect(headers.from).toContain('no-reply@fastpath.local');
      // Date is when the mail was composed (enqueued), to the second, so a retry carries the same one.
      expect(Date.parse(headers.date) / 1000).toBe(Math.floor(Date.parse(mail.created_at) / 1000));
      expect(text).toContain('Bonjour,');
      expect(html).toContain('<p>Bonjour,</p>');
      expect((await outboxRow(mail.id)).sent_at).not.toBeNull();
    } finally {
      await sender.stop();
    }
  });

  it('creates the .eml files 0600 in a 0700 folder, also when the folder was made with wider rights', async () => {
    const dir = path.join(api.database.config.dataDir, 'mail-rights');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const sender = createMailSender({ db: api.db, delivery: { emlDir: dir }, now });
    try {
      const { mail } = await fileCase();
      expect(await sender.deliverDue()).toBe(1);
      const [file] = fs.readdirSync(dir).filter((f) => f.includes(mail.id));
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await sender.stop();
    }
  });
});

it('writes dates in the language of the mail, with the French ordinal for the first of the month', () => {
  expect(formatDate('2026-12-01', 'en')).toMatch(/^Tuesday,? 1 December 2026$/);
  expect(formatDate('2026-12-01', 'fr')).toBe('mardi 1er décembre 2026');
  expect(formatDate('2026-12-07', 'fr')).toBe('lundi 7 décembre 2026');
});
