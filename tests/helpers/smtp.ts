// An in-process SMTP server (smtp-server) that keeps what it receives, parsed with mailparser, with hooks to act as a mail is accepted.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReadMail {
  /** Top-level headers: lower-case names, unfolded, RFC 2047 words decoded. */
  headers: Record<string, string>;
  /** The text/plain part. */
  text: string;
  /** The text/html part, when there is one. */
  html: string | undefined;
  parsed: ParsedMail;
}

export interface ReceivedMail extends ReadMail {
  envelopeTo: string[];
  raw: string;
  /** Date.now() when the server had the whole message. */
  receivedAt: number;
}

/** Parses one RFC 5322 message, multipart or not. */
export async function readMail(raw: string): Promise<ReadMail> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const parsed = await simpleParser(raw);
  return { headers, text: parsed.text ?? '', html: parsed.html || undefined, parsed };
}

/** Quoted-printable (RFC 2045) to text: `=C3=A9` is the bytes of é. Its input is plain ASCII. */
function decodeQp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
    );
}

export interface SmtpServerOptions {
  port?: number;
  received?: ReceivedMail[];
  /**
   * Runs when a whole message has arrived and been recorded, before the server answers 250: the
   * sender cannot know yet whether it was accepted (a crash here is "accepted, not marked sent").
   */
  onMessage?: (mail: ReceivedMail) => Promise<void> | void;
}

/** Listens on `port` (0: any free one) on the loopback; every message received is pushed to `received`. */
export async function startSmtpServer(portOrOptions: number | SmtpServerOptions = 0, receivedList: ReceivedMail[] = []) {
  const options = typeof portOrOptions === 'number' ? { port: portOrOptions, received: receivedList } : portOrOptions;
  const received = options.received ?? [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        void (async () => {
          const mail: ReceivedMail = { envelopeTo, raw, receivedAt: Date.now(), ...(await readMail(raw)) };
          received.push(mail);
          await options.onMessage?.(mail);
          callback();
        })().catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
