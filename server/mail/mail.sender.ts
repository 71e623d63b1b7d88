// Delivers the outbox: SMTP through nodemailer when SMTP_URL is set, otherwise `.eml` files in DATA_DIR/mail.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import type { Config } from '../config';
import type { Database, OutboxEmailsTable } from '../db/database';
import { claimMail, findDueMails, markMailFailed, markMailSent } from './outbox.repository';

export const DEFAULT_FROM = 'Fastpath <no-reply@fastpath.local>';
const BATCH_SIZE = 50;
/** Longer than one SMTP attempt may take (the timeouts below), so a live sender never loses its claim. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;
const FIRST_RETRY_MS = 30 * 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;

/** 30 s after the first failure, doubling each time, never more than an hour. */
export const retryDelayMs = (failuresSoFar: number) => Math.min(FIRST_RETRY_MS * 2 ** failuresSoFar, MAX_RETRY_MS);

interface Transport {
  send(mail: OutboxEmailsTable): Promise<void>;
  close(): void;
}

export interface MailSenderOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'smtpUrl' | 'dataDir'>;
  now?: () => Date;
  from?: string;
  log?: (message: string) => void;
}

function messageOf(mail: OutboxEmailsTable, from: string): SendMailOptions {
  return {
    from,
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    // Fixed at enqueue time: a retry after a crash is recognisably the same message to the recipient.
    messageId: mail.message_id,
    date: new Date(mail.created_at),
  };
}

function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail(messageOf(mail, from));
    },
    close: () => transporter.close(),
  };
}

/** Writes each mail as an RFC 5322 file; the outbox id names it, so a retry overwrites rather than duplicates. */
function emlTransport(dir: string, from: string): Transport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await builder.sendMail(messageOf(mail, from));
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${mail.created_at.replace(/[:.]/g, '-')}-${mail.id}.eml`);
      // Write then rename: a reader of the folder never sees half a message.
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file);
    },
    close: () => builder.close(),
  };
}

export function createMailSender(opts: MailSenderOptions) {
  const { db, config } = opts;
  const now = opts.now ?? (() => new Date());
  const from = opts.from ?? DEFAULT_FROM;
  const log = opts.log ?? ((message: string) => console.error(message));
  const transport = config.smtpUrl
    ? smtpTransport(config.smtpUrl, from)
    : emlTransport(path.join(config.dataDir, 'mail'), from);

  /** Sends every mail that is due; returns how many were delivered. Failed ones wait for their backoff. */
  async function deliverDue(): Promise<number> {
    const due = await findDueMails(db, now(), BATCH_SIZE);
    let delivered = 0;
    for (const mail of due) {
      if (!(await claimMail(db, mail, new Date(now().getTime() + CLAIM_LEASE_MS)))) continue;
      try {
        await transport.send(mail);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await markMailFailed(db, mail.id, mail.attempts + 1, new Date(now().getTime() + retryDelayMs(mail.attempts)), message);
        log(`Mail ${mail.message_id} to ${mail.to_address} not sent (attempt ${mail.attempts + 1}): ${message}`);
        continue;
      }
      // Only after the transport accepted it: a crash before this line means one more delivery, never none.
      await markMailSent(db, mail.id, now());
      delivered++;
    }
    return delivered;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  function tick(intervalMs: number) {
    running = deliverDue().catch((err) => log(`Mail delivery stopped for this round: ${(err as Error).message}`));
    void running.then(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(() => tick(intervalMs), intervalMs).unref();
    });
  }

  return {
    deliverDue,
    /** Delivers now and then every `intervalMs`; rounds never overlap. */
    start(intervalMs: number) {
      if (!stopped) return;
      stopped = false;
      tick(intervalMs);
    },
    /** Stops the loop, waits for a round in progress, closes the SMTP connection. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
