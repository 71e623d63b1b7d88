// The e-mail outbox: mails are written in the transaction of the event that causes them, then delivered by the sender.
import { randomUUID } from 'node:crypto';
import type { Db, OutboxEmailsTable } from '../db/database';

export const MESSAGE_ID_DOMAIN = 'fastpath.local';

/**
 * A PDF the sender renders and attaches at delivery time (outbox_emails.attachment, JSON): the row
 * keeps what names the document, not its bytes, so the outbox stays small and the PDF is the one
 * the API serves (issue 14).
 */
export interface AttachmentRef {
  kind: 'invoice' | 'receipt';
  accountId: string;
  invoiceId: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, when the template made one (see composeMail). */
  html?: string;
  /** BCP 47 language tag, sent as Content-Language. */
  language?: string;
  /** Defaults to a new `<uuid@fastpath.local>`; fixed here so every retry carries the same one. */
  messageId?: string;
  /** A document rendered and attached when the mail is sent. */
  attachment?: AttachmentRef;
}

/** Queues a mail, due at once; pass the caller's transaction so the mail exists only if the event does. */
export async function enqueueMail(db: Db, mail: OutgoingMail, now = new Date()): Promise<string> {
  const messageId = mail.messageId ?? `<${randomUUID()}@${MESSAGE_ID_DOMAIN}>`;
  await db
    .insertInto('outbox_emails')
    .values({
      id: randomUUID(),
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      content_language: mail.language ?? null,
      claimed_by: null,
      attachment: mail.attachment ? JSON.stringify(mail.attachment) : null,
      message_id: messageId,
      created_at: now.toISOString(),
      attempts: 0,
      next_attempt_at: now.toISOString(),
      sent_at: null,
      last_error: null,
    })
    .execute();
  return messageId;
}

/** Mails not sent whose next attempt has come, oldest first: failed ones after their backoff, claimed ones once their lease ran out. */
export function findDueMails(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Takes a due mail for one delivery attempt: `next_attempt_at` becomes the end of the lease and
 * `claimed_by` the sender. Compare-and-set on the `next_attempt_at` that was read, so of two senders
 * only one wins (false for the other). A sender that dies stops renewing: the lease runs out and
 * the mail is due again (at least once, same Message-ID).
 */
export async function claimMail(db: Db, mail: OutboxEmailsTable, owner: string, leaseUntil: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox_emails')
    .set({ next_attempt_at: leaseUntil.toISOString(), claimed_by: owner })
    .where('id', '=', mail.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '=', mail.next_attempt_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends a claim this sender still holds; false when it was lost (the lease ran out and another sender took the mail). */
export async function renewClaim(db: Db, id: string, owner: string, leaseUntil: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox_emails')
    .set({ next_attempt_at: leaseUntil.toISOString() })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('claimed_by', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMailSent(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set({ sent_at: at.toISOString(), last_error: null, claimed_by: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(db: Db, id: string, attempts: number, retryAt: Date, error: string): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set({ attempts, next_attempt_at: retryAt.toISOString(), last_error: error.slice(0, 1000), claimed_by: null })
    .where('id', '=', id)
    .execute();
}
