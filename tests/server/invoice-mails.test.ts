// Billing mails over real SMTP (R15, issue 14): invoice issued and invoice paid, to the billing e-mail and every invoice recipient,
// in the invoice language, PDF attached; queued with the event, once; the demo's history queues none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBilling } from '../../server/billing/billing-run';
import { simulatedPaymentProvider } from '../../server/billing/payment-provider';
import { billingAttachments } from '../../server/invoices/invoice-delivery';
import { createMailSender } from '../../server/mail/mail.sender';
import { invoicePdfName, receiptPdfName } from '../../shared/document-names';
import { createTestApi, type TestApi } from '../helpers/api';
import { type ReceivedMail, startSmtpServer } from '../helpers/smtp';

let api: TestApi;
let acme: string;
let globex: string;
let tokens: Record<'ada' | 'bob' | 'chloe' | 'sam', string>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let clock = new Date();
const now = () => clock;
const seller = () => api.database.config.seller;

beforeAll(async () => {
  api = await createTestApi({ now });
  acme = await api.accountId('Acme Corp');
  globex = await api.accountId('Globex SARL');
  tokens = await api.signInDemo();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await api.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const sender = () =>
  createMailSender({ db: api.db, delivery: { smtpUrl: smtp.url }, now, log: () => {}, renderAttachment: billingAttachments(api.db, seller()) });
async function deliverAll() {
  const s = sender();
  try {
    while ((await s.deliverDue()) > 0);
  } finally {
    await s.stop();
  }
}
const setDelivery = (account: string, token: string, billing: object) =>
  api.request('PATCH', `/accounts/${account}/billing`, { token, body: { billing }, headers: { 'if-match': '*' } });
const pdfOf = (mail: ReceivedMail) => {
  expect(mail.parsed.attachments).toHaveLength(1);
  return mail.parsed.attachments[0];
};
/** The next billing date of an account, and the clock set to it. */
async function billingDay(account: string, token: string) {
  const due = (await api.request('GET', `/accounts/${account}/billing`, { token })).body.nextBillingDate as string;
  clock = new Date(`${due}T06:00:00Z`);
  return clock;
}

describe('the demo', () => {
  it("seeds a year of history without queueing a single mail (nobody is mailed for the past)", async () => {
    expect(await api.db.selectFrom('invoices').select('id').execute()).not.toHaveLength(0);
    expect(await api.db.selectFrom('outbox_emails').select('id').execute()).toHaveLength(0);
  });
});

describe('when the billing run issues invoices', () => {
  it('mails the billing e-mail and every invoice recipient: invoice PDF attached, in the invoice language, text + HTML, auto-generated', async () => {
    expect((await setDelivery(globex, tokens.chloe, { invoiceRecipients: ['Direction@globex.test', 'ap@globex.test'] })).status).toBe(200);
    expect((await setDelivery(acme, tokens.ada, { invoiceRecipients: ['books@acme.test'] })).status).toBe(200);
    const at = await billingDay(globex, tokens.chloe);
    const result = await runBilling(api.db, simulatedPaymentProvider, at, { now: at, mailing: { seller: seller(), now } });
    expect(result.issued).toBeGreaterThanOrEqual(3);
    await deliverAll();

    const invoice = await api.db.selectFrom('invoices').selectAll().where('account_id', '=', globex).orderBy('issued_at', 'desc').orderBy('id').executeTakeFirstOrThrow();
    const toGlobex = smtp.received.filter((m) => m.text.includes(invoice.number));
    expect(toGlobex.map((m) => m.envelopeTo).flat().sort()).toEqual(['Direction@globex.test', 'ap@globex.test', 'compta@globex.test']);
    // One mail per address, each with its own Message-ID (a To header of its own, no one sees the others).
    expect(new Set(toGlobex.map((m) => m.headers['message-id'])).size).toBe(3);
    for (const mail of toGlobex) {
      expect(mail.headers.to).toBe(mail.envelopeTo[0]);
      expect(mail.headers['auto-submitted']).toBe('auto-generated');
      expect(mail.headers['content-language']).toBe('fr');
      expect(mail.headers.subject).toBe(`Facture ${invoice.number} de Fastpath\u00a0: 360,00\u00a0€`);
      expect(mail.text).toContain('Montant\u00a0: 360,00\u00a0€');
      expect(mail.text).toMatch(/Échéance\u00a0: \d{1,2}(er)? \S+ \d{4}/);
      expect(mail.text).toContain(`en indiquant la référence ${invoice.number}`);
      const bank = seller().bank;
      expect(mail.text).toContain(`IBAN\u00a0: ${'iban' in bank ? bank.iban : 'the demo seller has an IBAN'}`);
      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.html).toContain(invoice.number);
      const pdf = pdfOf(mail);
      expect(pdf.filename).toBe(invoicePdfName({ number: invoice.number, issuedAt: invoice.issued_at }));
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.size).toBeGreaterThan(1000);
      expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // A card payer in English: the invoice mail, then the receipt of the card charge, both to both addresses.
    const acmeInvoice = await api.db.selectFrom('invoices').selectAll().where('account_id', '=', acme).orderBy('issued_at', 'desc').orderBy('id').executeTakeFirstOrThrow();
    expect(acmeInvoice.status).toBe('paid');
    const toAcme = smtp.received.filter((m) => m.text.includes(acmeInvoice.number));
    const invoices = toAcme.filter((m) => m.headers.subject.startsWith('Invoice'));
    const receipts = toAcme.filter((m) => m.headers.subject.startsWith('Receipt'));
    expect(invoices.map((m) => m.envelopeTo[0]).sort()).toEqual(['billing@acme.test', 'books@acme.test']);
    expect(receipts.map((m) => m.envelopeTo[0]).sort()).toEqual(['billing@acme.test', 'books@acme.test']);
    expect(invoices[0].headers.subject).toBe(`Invoice ${acmeInvoice.number} from Fastpath: $60.00`);
    expect(invoices[0].text).toContain('It is paid by card (Visa •••• 4242)');
    expect(receipts[0].headers.subject).toBe(`Receipt ${acmeInvoice.receipt_number} for invoice ${acmeInvoice.number}: paid, thank you`);
    expect(receipts[0].headers['content-language']).toBe('en');
    expect(receipts[0].text).toContain('Paid with: Visa •••• 4242');
    expect(pdfOf(receipts[0]).filename).toBe(receiptPdfName({ number: acmeInvoice.number, issuedAt: acmeInvoice.issued_at }, acmeInvoice.receipt_number!));
    expect(pdfOf(receipts[0]).contentType).toBe('application/pdf');
    expect(pdfOf(invoices[0]).filename).toBe(invoicePdfName({ number: acmeInvoice.number, issuedAt: acmeInvoice.issued_at }));

    // The run again: nothing new is due, nothing is queued twice.
    const before = (await api.db.selectFrom('outbox_emails').select('id').execute()).length;
    await runBilling(api.db, simulatedPaymentProvider, at, { now: at, mailing: { seller: seller(), now } });
    expect((await api.db.selectFrom('outbox_emails').select('id').execute()).length).toBe(before);
  });
});

describe('when support marks an invoice paid', () => {
  it('mails the receipt, receipt PDF attached, to the billing e-mail and every recipient, in the invoice language chosen', async () => {
    expect((await setDelivery(globex, tokens.chloe, { invoiceLanguage: 'en', invoiceRecipients: ['ap@globex.test'] })).status).toBe(200);
    const open = await api.db.selectFrom('invoices').selectAll().where('account_id', '=', globex).where('status', '=', 'open')
      .orderBy('issued_at').orderBy('id').executeTakeFirstOrThrow();
    // Renamed after the invoice was issued: the receipt still names the company as the invoice does (R8).
    const renamed = await api.request('PATCH', `/accounts/${globex}/billing`, { token: tokens.chloe, body: { contact: { companyName: 'Globex Holding' } }, headers: { 'if-match': '*' } });
    expect(renamed.status).toBe(200);
    const res = await api.request('POST', `/support/invoices/${open.id}/mark-paid`, { token: tokens.sam });
    expect(res.status).toBe(200);
    // Twice-clicked: already paid, no second receipt.
    expect((await api.request('POST', `/support/invoices/${open.id}/mark-paid`, { token: tokens.sam })).status).toBe(409);
    await deliverAll();
    const paid = await api.db.selectFrom('invoices').selectAll().where('id', '=', open.id).executeTakeFirstOrThrow();
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['ap@globex.test', 'compta@globex.test']);
    for (const mail of smtp.received) {
      expect(mail.headers['content-language']).toBe('en');
      expect(mail.headers.subject).toBe(`Receipt ${paid.receipt_number} for invoice ${paid.number}: paid, thank you`);
      expect(mail.text).toContain('We received the payment of €360.00');
      expect(mail.text).toContain(JSON.parse(open.bill_to).companyName);
      expect(mail.text).not.toContain('Globex Holding');
      expect(mail.text).toContain('Paid with: Bank transfer');
      const pdf = pdfOf(mail);
      expect(pdf.filename).toBe(receiptPdfName({ number: paid.number, issuedAt: paid.issued_at }, paid.receipt_number!));
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.size).toBeGreaterThan(1000);
    }
  });
});

describe('delivery', () => {
  it('retries a mail whose PDF cannot be rendered yet, and never sends it without the PDF', async () => {
    const open = await api.db.selectFrom('invoices').select('id').where('account_id', '=', acme).orderBy('issued_at').orderBy('id').executeTakeFirstOrThrow();
    await api.db.transaction().execute(async (trx) => {
      const { queueInvoiceMails } = await import('../../server/invoices/invoice-delivery');
      await queueInvoiceMails(trx, open.id, 'issued', { seller: seller(), now });
    });
    const failing = createMailSender({
      db: api.db, delivery: { smtpUrl: smtp.url }, now, log: () => {},
      renderAttachment: async () => { throw new Error('renderer down'); },
    });
    expect(await failing.deliverDue()).toBe(0);
    await failing.stop();
    expect(smtp.received).toHaveLength(0);
    const rows = await api.db.selectFrom('outbox_emails').selectAll().where('sent_at', 'is', null).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.attempts === 1 && r.last_error === 'renderer down')).toBe(true);
    clock = new Date(clock.getTime() + 60_000);
    await deliverAll();
    expect(smtp.received).toHaveLength(rows.length);
    expect(smtp.received.every((m) => m.parsed.attachments.length === 1)).toBe(true);
  });

  it('refuses to queue the same event for the same invoice twice (the Message-ID is the key), rolling back its transaction', async () => {
    const paid = await api.db.selectFrom('invoices').select('id').where('account_id', '=', acme).where('status', '=', 'paid').orderBy('issued_at', 'desc').orderBy('id').executeTakeFirstOrThrow();
    const { queueInvoiceMails } = await import('../../server/invoices/invoice-delivery');
    const count = async () => (await api.db.selectFrom('outbox_emails').select('id').execute()).length;
    const before = await count();
    await expect(api.db.transaction().execute((trx) => queueInvoiceMails(trx, paid.id, 'paid', { seller: seller(), now }))).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});

describe('the texts', () => {
  const facts = (currency: string, total: number) => ({
    companyName: 'Globex', number: 'FP-2026-000031', total, currency, periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z',
    dueDate: '2026-12-01', fileName: 'f.pdf', payment: { type: 'card' as const, text: 'Visa •••• 4242' },
  });
  it('give a due date only where something is owed: not for a card, charged at issue', async () => {
    const { invoiceIssuedMail } = await import('../../server/mail/invoice-mail.templates');
    expect(invoiceIssuedMail('en', facts('EUR', 36000)).text).not.toContain('Due date');
    const transfer = { ...facts('EUR', 36000), payment: { type: 'transfer' as const, bank: { accountHolder: 'Fastpath', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' } } };
    expect(invoiceIssuedMail('en', transfer).text).toContain('Due date: December 1, 2026');
  });

  it('write amounts with the ISO 4217 exponent of the currency (0, 2 and 3 decimals)', async () => {
    const { invoiceIssuedMail } = await import('../../server/mail/invoice-mail.templates');
    expect(invoiceIssuedMail('en', facts('JPY', 500)).text).toContain('Amount: ¥500\n');
    expect(invoiceIssuedMail('en', facts('EUR', 36000)).text).toContain('Amount: €360.00\n');
    expect(invoiceIssuedMail('en', facts('BHD', 1234)).text).toContain('Amount: BHD\u00a01.234\n');
    expect(invoiceIssuedMail('fr', facts('BHD', 1234)).text).toContain('Montant\u00a0: 1,234\u00a0BHD\n');
  });

  it('write French with a no-break space before : ; ! ? and the first of the month as "1er"', async () => {
    const { invoiceIssuedMail, receiptMail } = await import('../../server/mail/invoice-mail.templates');
    const fr = [
      invoiceIssuedMail('fr', facts('EUR', 36000)),
      invoiceIssuedMail('fr', { ...facts('EUR', 36000), payment: { type: 'transfer', bank: { accountHolder: 'Fastpath', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' } } }),
      receiptMail('fr', { companyName: 'Globex', number: 'FP-2026-000031', receiptNumber: 'RC-2026-000021', total: 36000, currency: 'EUR', paidAt: '2026-11-13T10:00:00.000Z', paymentMethodText: null, fileName: 'f.pdf' }),
    ];
    for (const mail of fr) {
      const marks = `${mail.subject}\n${mail.text}`.match(/.[:;!?»]/gu) ?? [];
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.filter((m) => m[0] !== '\u00a0' && m[0] !== '\u202f')).toEqual([]);
    }
    expect(fr[0].text).toContain('du 1er novembre 2026 au 1er décembre 2026');
  });
});
