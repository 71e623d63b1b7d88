// Delivers the outbox, only in the API servers: over SMTP, or as `.eml` files where the operator runs without SMTP.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type Config, ConfigError } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { emailDomain } from '../observability/redact';
import { emlTransport, type MailAttachment, smtpTransport, type Transport } from './mail.transports';
import { type AttachmentRef, claimMail, findDueMails, markMailFailed, markMailSent, renewClaim } from './outbox.repository';

/**
 * Renders the document a mail carries (server/invoices/invoice-delivery.ts: the invoice or receipt
 * PDF). A throw fails this attempt, which is retried with backoff: a mail never leaves without its PDF.
 */
export type AttachmentRenderer = (ref: AttachmentRef) => Promise<MailAttachment>;

export const DEFAULT_FROM = 'Fastpath <no-reply@fastpath.local>';
const BATCH_SIZE = 50;
/**
 * A claim lasts 30 s and is renewed every 10 s while the send is in progress: a live slow send keeps
 * its mail, and a mail whose sender died is due again within 30 s, sent by the next 5 s round of
 * any server (well within the 60 s we promise).
 */
export const CLAIM_LEASE_MS = 30_000;
export const CLAIM_RENEW_MS = 10_000;
const FIRST_RETRY_MS = 30 * 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;

/** 30 s after the first failure, doubling each time, never more than an hour. */
export const retryDelayMs = (failuresSoFar: number) => Math.min(FIRST_RETRY_MS * 2 ** failuresSoFar, MAX_RETRY_MS);

/** Where mail goes; always said explicitly, never a fallback: a process that guesses marks mail sent that nobody sent. */
export type MailDelivery = { smtpUrl: string } | { emlDir: string };

/**
 * The delivery a server uses: SMTP when SMTP_URL is set; without it `.eml` files in DATA_DIR/mail,
 * except in production, where a server without SMTP_URL refuses to start (ConfigError).
 */
export function mailDeliveryFor(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'production'>): MailDelivery {
  if (config.smtpUrl) return { smtpUrl: config.smtpUrl };
  if (config.production) throw new ConfigError('Setting SMTP_URL is missing: in production mail is delivered over SMTP only.');
  return { emlDir: path.join(config.dataDir, 'mail') };
}

export const describeDelivery = (d: MailDelivery) =>
  'smtpUrl' in d ? `SMTP at ${new URL(d.smtpUrl).host}` : `.eml files in ${d.emlDir} (SMTP_URL is unset)`;

export interface MailSenderOptions {
  db: Kysely<Database>;
  delivery: MailDelivery;
  now?: () => Date;
  from?: string;
  /** Plain-text lines instead of log events (tests); without both, lines go to stderr. */
  log?: (message: string) => void;
  /** Events `mail.delivered`, `mail.delivery_failed`, `mail.claim_lost`, `mail.round_failed`. */
  logger?: Logger;
  metrics?: Metrics;
  /** Renders attachments at delivery; a mail with one and no renderer is retried until a sender has it. */
  renderAttachment?: AttachmentRenderer;
  /** Tests shorten these; defaults CLAIM_LEASE_MS and CLAIM_RENEW_MS. */
  leaseMs?: number;
  renewEveryMs?: number;
}

function transportFor(delivery: MailDelivery | undefined, from: string): Transport {
  if (delivery && 'smtpUrl' in delivery && delivery.smtpUrl) return smtpTransport(delivery.smtpUrl, from);
  if (delivery && 'emlDir' in delivery && delivery.emlDir) return emlTransport(delivery.emlDir, from);
  throw new Error('createMailSender needs an explicit delivery: { smtpUrl } or { emlDir }.');
}

/** The outbox sender of one server process; `owner` names its claims. */
export function createMailSender(opts: MailSenderOptions) {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const from = opts.from ?? DEFAULT_FROM;
  const { logger, metrics } = opts;
  type Level = 'info' | 'warn' | 'error';
  const emit = (level: Level, fields: Record<string, unknown>, message: string) =>
    opts.log ? opts.log(message) : logger ? logger[level](fields, message) : console.error(message);
  const log = (message: string, event = 'mail.round_failed') => emit('error', { event }, message);
  const leaseMs = opts.leaseMs ?? CLAIM_LEASE_MS;
  const renewEveryMs = opts.renewEveryMs ?? CLAIM_RENEW_MS;
  const transport = transportFor(opts.delivery, from);
  const owner = `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const leaseEnd = () => new Date(now().getTime() + leaseMs);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  /** Set by stop(): the round in progress ends after the mail it is sending. */
  let stopping = false;

  /** Keeps the claim on one mail alive while it is being sent. */
  function heartbeat(mailId: string): () => void {
    const timer = setInterval(() => {
      renewClaim(db, mailId, owner, leaseEnd()).then(
        (held) => held || emit('warn', { event: 'mail.claim_lost', mailId }, `Mail ${mailId}: claim lost while sending (another sender may send it too).`),
        (err: Error) => emit('warn', { event: 'mail.claim_lost', mailId, error: err.message }, `Mail ${mailId}: claim not renewed: ${err.message}`),
      );
    }, renewEveryMs);
    return () => clearInterval(timer);
  }

  /** The mail's PDF, rendered now from what the row names (kept small; the same document the API serves). */
  async function attachmentsOf(mail: { attachment: string | null }): Promise<MailAttachment[]> {
    if (!mail.attachment) return [];
    if (!opts.renderAttachment) throw new Error('This sender cannot render attachments (no renderAttachment).');
    return [await opts.renderAttachment(JSON.parse(mail.attachment) as AttachmentRef)];
  }

  /** Sends every mail that is due; returns how many were delivered. Failed ones wait for their backoff. */
  async function deliverDue(): Promise<number> {
    const due = await findDueMails(db, now(), BATCH_SIZE);
    let delivered = 0;
    for (const mail of due) {
      // The safe point of a shut-down: between two mails, never inside a send.
      if (stopping) break;
      if (!(await claimMail(db, mail, owner, leaseEnd()))) continue;
      const stopHeartbeat = heartbeat(mail.id);
      try {
        await transport.send(mail, await attachmentsOf(mail));
      } catch (err) {
        stopHeartbeat();
        const message = err instanceof Error ? err.message : String(err);
        await markMailFailed(db, mail.id, mail.attempts + 1, new Date(now().getTime() + retryDelayMs(mail.attempts)), message);
        metrics?.mailFailures.inc();
        const toDomain = emailDomain(mail.to_address);
        emit('warn', { event: 'mail.delivery_failed', messageId: mail.message_id, toDomain, attempt: mail.attempts + 1, error: message },
          `Mail ${mail.message_id} to …@${toDomain} not sent (attempt ${mail.attempts + 1}): ${message}`);
        continue;
      }
      stopHeartbeat();
      // Only after the transport accepted it: a crash before this line means one more delivery, never none.
      await markMailSent(db, mail.id, now());
      delivered++;
      metrics?.mailsDelivered.inc();
      if (!opts.log) logger?.info({ event: 'mail.delivered', messageId: mail.message_id, toDomain: emailDomain(mail.to_address), attempt: mail.attempts + 1 }, 'mail delivered');
    }
    return delivered;
  }


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
      stopping = false;
      tick(intervalMs);
    },
    /** Stops the loop at a safe point: waits for the mail being sent (if any), closes the SMTP connection. */
    async stop() {
      stopped = true;
      stopping = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
