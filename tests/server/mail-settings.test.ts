// Only a process with explicit delivery settings may mark mail sent: the API servers, never the CLIs, never by a fallback.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMailSender, mailDeliveryFor, type MailDelivery } from '../../server/mail/mail.sender';
import { startServer } from '../../server/server';
import { ROOT } from '../helpers/bundle';

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });

describe('who delivers the outbox', () => {
  it('no process but the API server creates a mail sender or delivers the outbox', () => {
    const deliverers = sourceFiles(path.join(ROOT, 'server'))
      .filter((file) => /\bcreateMailSender\s*\(|\.deliverDue\s*\(|\b(smtp|eml)Transport\s*\(|from 'nodemailer/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file))
      .sort();
    expect(deliverers).toEqual(['server/mail/mail.sender.ts', 'server/mail/mail.transports.ts', 'server/server.ts']);
  });

  it('a mail sender refuses to exist without explicit delivery settings', () => {
    const db = {} as never;
    for (const delivery of [undefined, {}, { smtpUrl: '' }, { emlDir: '' }]) {
      expect(() => createMailSender({ db, delivery: delivery as MailDelivery })).toThrow(/explicit delivery/);
    }
  });

  it('in production a server without SMTP_URL does not start; elsewhere it says it writes .eml files', async () => {
    const production = loadConfig({ NODE_ENV: 'production', DATA_DIR: '/nonexistent/fastpath' });
    expect(() => mailDeliveryFor(production)).toThrow('Setting SMTP_URL is missing');
    // Refused before the database is touched (DATA_DIR does not exist).
    await expect(startServer(production)).rejects.toThrow('Setting SMTP_URL is missing');
    expect(mailDeliveryFor({ ...production, smtpUrl: 'smtp://mx.example:25' })).toEqual({ smtpUrl: 'smtp://mx.example:25' });
    expect(mailDeliveryFor({ ...production, production: false })).toEqual({ emlDir: path.join('/nonexistent/fastpath', 'mail') });
  });
});
