// The two ways a mail leaves the outbox: SMTP through nodemailer, or an `.eml` file in a folder only its owner can read.
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import type { OutboxEmailsTable } from '../db/database';

/** A file attached to a mail, rendered at delivery (see AttachmentRef in outbox.repository.ts). */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

export interface Transport {
  send(mail: OutboxEmailsTable, attachments?: MailAttachment[]): Promise<void>;
  close(): void;
}

/**
 * The message as sent, built only from the outbox row: Message-ID, Date and the MIME boundary are
 * fixed by the row, so a retry after a crash is byte for byte the same message and receivers can
 * drop the duplicate.
 */
export function messageOf(mail: OutboxEmailsTable, from: string, attachments: MailAttachment[] = []): SendMailOptions {
  const message: SendMailOptions & { baseBoundary: string } = {
    from,
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    html: mail.html_body ?? undefined,
    messageId: mail.message_id,
    date: new Date(mail.created_at),
    headers: {
      // RFC 3834: no vacation or out-of-office replies to a machine; Microsoft's servers read the second.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      ...(mail.content_language ? { 'Content-Language': mail.content_language } : {}),
    },
    // nodemailer's MIME boundaries are random unless given (mail-composer reads `baseBoundary`).
    baseBoundary: mail.id.replace(/-/g, ''),
    attachments: attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.content) })),
  };
  return message;
}

export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail, attachments) {
      await transporter.sendMail(messageOf(mail, from, attachments));
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each mail as an RFC 5322 file, 0600 in a 0700 folder (they hold customers' addresses and
 * billing details); the outbox id names it, so a retry overwrites rather than duplicates.
 */
export function emlTransport(dir: string, from: string): Transport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail, attachments) {
      const info = await builder.sendMail(messageOf(mail, from, attachments));
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      await fs.chmod(dir, 0o700); // also when an older release made it with the umask's mode
      const file = path.join(dir, `${mail.created_at.replace(/[:.]/g, '-')}-${mail.id}.eml`);
      // Write then rename: a reader of the folder never sees half a message. A leftover from a crash
      // is removed first, so the new file is created with our mode rather than keeping the old one.
      await fs.rm(`${file}.tmp`, { force: true });
      await fs.writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600, flag: 'wx' });
      await fs.rename(`${file}.tmp`, file);
    },
    close: () => builder.close(),
  };
}
