// Mails a mail system can sort: Auto-Submitted (RFC 3834), Content-Language, and an HTML part beside the text part,
// both from one template in the recipient's language, with every typed value escaped in the HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../../server/mail/mail.sender';
import { escapeHtml, type MailText } from '../../server/mail/mail.compose';
import { caseCompletedMail, caseReceivedMail, caseRejectedMail } from '../../server/mail/mail.templates';
import { invoiceIssuedMail, receiptMail } from '../../server/mail/invoice-mail.templates';
import { runSupportCommand } from '../../server/support/support.commands';
import { createTestApi, type TestApi } from '../helpers/api';
import { type ReceivedMail, startSmtpServer } from '../helpers/smtp';

const HOSTILE = `Globex <script>alert("x")</script> & Fils 'SARL'`;
let api: TestApi;
let globex: string;

beforeAll(async () => {
  api = await createTestApi();
  globex = await api.accountId('Globex SARL');
  await api.db.updateTable('accounts').set({ company_name: HOSTILE }).where('id', '=', globex).execute();
});
afterAll(() => api.close());

/** Every line of the text part is in the HTML part, escaped: one template made both. */
function expectSameWords(mail: { text: string; html: string | undefined }) {
  const lines = mail.text.split('\n').map((l) => l.trim()).filter(Boolean);
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines) expect(mail.html).toContain(escapeHtml(line));
}

function expectSortable(received: ReceivedMail, language: string) {
  expect(received.headers['auto-submitted']).toBe('auto-generated');
  expect(received.headers['content-language']).toBe(language);
  expect(received.parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  expect(received.html).toContain(`<html lang="${language}">`);
  expect(received.html).not.toMatch(/<script|<img/i);
  expectSameWords(received);
}

describe('over SMTP, as a mail system receives them', () => {
  it('carries Auto-Submitted, Content-Language and text + HTML parts in the filer’s language, escaping the company name', async () => {
    const smtp = await startSmtpServer();
    const sender = createMailSender({ db: api.db, delivery: { smtpUrl: smtp.url }, log: () => {} });
    try {
      const chloe = await api.signIn('chloe@globex.test'); // French
      const details = { address: { line1: '8 rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' }, phone: '+33142868201', email: 'compta@globex.test' };
      const filed = await api.request('POST', `/accounts/${globex}/change-requests`, {
        token: chloe,
        body: { contactEmail: 'chloe@globex.test', current: details, requested: { ...details, email: 'a&b@globex.test' }, details: 'x' },
      });
      expect(filed.status).toBe(201);
      const reason = '<img src=x onerror=alert(1)> & "no"';
      let out = '';
      expect(await runSupportCommand(api.db, ['reject', filed.body.caseNumber, '--staff', 'sam@support.test', '--reason', reason], { write: (t: string) => (out += t) })).toBe(0);
      expect(await sender.deliverDue()).toBe(2);

      const [received, rejected] = smtp.received;
      expectSortable(received, 'fr');
      expect(received.text).toContain(`Nous avons bien reçu votre demande de modification des informations de facturation de ${HOSTILE}.`);
      expect(received.html).toContain('Globex &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils &#39;SARL&#39;');
      expect(received.html).toContain(`Numéro de dossier : ${filed.body.caseNumber}`);

      expectSortable(rejected, 'fr');
      expect(rejected.text).toContain(reason);
      expect(rejected.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;no&quot;');
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });
});

describe('every template, with hostile values in every field', () => {
  const evil = (field: string) => `<b>${field}</b> & <script>x</script> "'`;
  const details = {
    address: { line1: evil('line1'), line2: evil('line2'), city: evil('city'), postalCode: evil('pc'), region: evil('region'), country: 'FR' },
    phone: evil('phone'),
    email: evil('email'),
  };
  const after = { ...details, phone: evil('phone2'), address: { ...details.address, city: evil('city2') } };
  const mails: Array<[string, (l: 'en' | 'fr') => MailText]> = [
    ['received', (l) => caseReceivedMail(l, { caseNumber: evil('n'), companyName: evil('co'), expectedFrom: '2026-12-01', expectedBy: '2026-12-09' })],
    ['completed', (l) => caseCompletedMail(l, { caseNumber: evil('n'), companyName: evil('co'), before: details, after, appliesFrom: { nextBillingDate: '2026-12-15', beforeNextBillingDate: true } } as never)],
    ['rejected', (l) => caseRejectedMail(l, { caseNumber: evil('n'), companyName: evil('co'), reason: evil('reason') })],
    // Issue 14: the company name and the seller's bank details come from people and the operator.
    ['invoice', (l) => invoiceIssuedMail(l, {
      companyName: evil('co'), number: evil('n'), total: 36000, currency: 'EUR', periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z',
      dueDate: '2026-12-31', fileName: evil('file'), payment: { type: 'transfer', bank: { accountHolder: evil('holder'), iban: evil('iban'), bic: evil('bic') } },
    })],
    ['invoice by card', (l) => invoiceIssuedMail(l, {
      companyName: evil('co'), number: evil('n'), total: 500, currency: 'JPY', periodStart: '2026-11-01', periodEnd: '2026-12-01',
      dueDate: '2026-11-01', fileName: evil('file'), payment: { type: 'card', text: evil('card') },
    })],
    ['receipt', (l) => receiptMail(l, {
      companyName: evil('co'), number: evil('n'), receiptNumber: evil('r'), total: 1234, currency: 'BHD', paidAt: '2026-11-13T00:00:00.000Z',
      paymentMethodText: evil('card'), fileName: evil('file'),
    })],
  ];
  for (const [name, make] of mails) {
    for (const locale of ['en', 'fr'] as const) {
      it(`${name} (${locale}): the HTML part says what the text part says, with no markup from the values`, () => {
        const mail = make(locale);
        expect(mail.language).toBe(locale);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).not.toMatch(/<b>|<script/);
        expect(mail.html.match(/<[a-z!/][^>]*>/gi)!.every((tag) => /^<\/?(p|br|html|head|body|title|meta charset="utf-8"|!doctype html)( lang="(en|fr)")?>$/i.test(tag))).toBe(true);
        expectSameWords(mail);
      });
    }
  }
});
