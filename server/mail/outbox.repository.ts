// The e-mail outbox: mails are written in the transaction of the event that causes them, then delivered by the sender.
import { randomUUID } from 'node:crypto';
import type { Db, OutboxEmailsTable } from '../db/database';

export const MESSAGE_ID_DOMAIN = 'fastpath.local';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Defaults to a new `<uuid@fastpath.local>`; fixed here so every retry carries the same one. */
  messageId?: string;
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
 * Takes a due mail for one delivery attempt by pushing its next attempt to `leaseUntil`; false when
 * another sender took it first. If this process dies mid-send, the lease runs out and the mail is
 * tried again (at-least-once, same Message-ID).
 */
export async function claimMail(db: Db, mail: OutboxEmailsTable, leaseUntil: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox_emails')
    .set({ next_attempt_at: leaseUntil.toISOString() })
    .where('id', '=', mail.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '=', mail.next_attempt_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMailSent(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('outbox_emails').set({ sent_at: at.toISOString(), last_error: null }).where('id', '=', id).execute();
}

export async function markMailFailed(db: Db, id: string, attempts: number, retryAt: Date, error: string): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set({ attempts, next_attempt_at: retryAt.toISOString(), last_error: error.slice(0, 1000) })
    .where('id', '=', id)
    .execute();
}
