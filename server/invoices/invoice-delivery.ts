// Billing mails (R15, issue 14): queued with the invoice or the payment, to the billing e-mail and every invoice recipient, PDF rendered at delivery.
import { createHash } from 'node:crypto';
import { invoicePdfName, receiptPdfName } from '../../shared/document-names';
import { billingMailAddresses, parseRecipients } from '../../shared/invoice-recipients';
import { emailKey } from '../../shared/identity-key';
import { dueDateOf, type Seller } from '../billing/seller';
import type { Database, Db } from '../db/database';
import { invoicePdf, receiptPdf } from '../documents/invoice-documents';
import { invoiceIssuedMail, receiptMail } from '../mail/invoice-mail.templates';
import type { AttachmentRenderer } from '../mail/mail.sender';
import { MESSAGE_ID_DOMAIN, enqueueMail } from '../mail/outbox.repository';
import { invoiceLanguageOf } from './invoice-language';
import type { Kysely } from 'kysely';
import { parseBillTo } from './bill-to';

/**
 * What queueing billing mails needs: the seller (due date, bank details for transfers) and the clock
 * of the mail's Date header. Callers that bill for real pass it (the server's billing job, `npm run
 * billing`, support's mark-paid); the demo's seeded history does not, so it queues no mail.
 */
export interface InvoiceMailing {
  seller: Seller;
  now: () => Date;
}

export type BillingEvent = 'issued' | 'paid';

/**
 * One Message-ID per (event, invoice, recipient): a receiver can drop a redelivery after a crash (same
 * message), and queueing the same event twice is refused by the outbox's unique key, rolling back
 * the transaction of the event that tried.
 */
function messageIdOf(event: BillingEvent, invoiceId: string, address: string): string {
  const who = createHash('sha256').update(emailKey(address)).digest('hex').slice(0, 16);
  return `<${event === 'issued' ? 'invoice' : 'receipt'}.${invoiceId}.${who}@${MESSAGE_ID_DOMAIN}>`;
}

/** "Visa •••• 4242", as the receipt prints a card (card-payments.ts). */
export const cardText = (brand: string | null, last4: string | null) =>
  `${brand ? brand[0].toUpperCase() + brand.slice(1) : 'Card'} •••• ${last4 ?? '????'}`;

/**
 * Queues the mail of `event` for one invoice, in the caller's transaction `trx` (the one that issued
 * or paid it): one outbox row per address, the account's billing e-mail and each invoice recipient as
 * they are now (the bill-to snapshot keeps the addresses of the billing date), in the account's
 * invoice language, with the invoice PDF ('issued') or the receipt PDF ('paid') attached at delivery.
 * Returns how many mails were queued.
 */
export async function queueInvoiceMails(trx: Db, invoiceId: string, event: BillingEvent, mailing: InvoiceMailing): Promise<number> {
  const row = await trx
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select([
      'invoices.id', 'invoices.account_id', 'invoices.number', 'invoices.issued_at', 'invoices.period_start', 'invoices.period_end',
      'invoices.total', 'invoices.currency', 'invoices.paid_at', 'invoices.receipt_number', 'invoices.payment_method_text', 'invoices.bill_to',
      'accounts.billing_email', 'accounts.invoice_recipients', 'accounts.payment_type',
      'accounts.card_brand', 'accounts.card_last4',
    ])
    .where('invoices.id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  const language = await invoiceLanguageOf(trx, row.account_id);
  const invoice = { number: row.number, issuedAt: row.issued_at };
  // The invoice as issued (R8): the bill-to snapshot names the company, as the attached PDF does.
  const common = { companyName: parseBillTo(row.bill_to).companyName, number: row.number, total: Number(row.total), currency: row.currency };
  const mail =
    event === 'issued'
      ? invoiceIssuedMail(language, {
          ...common,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          dueDate: dueDateOf(row.issued_at, mailing.seller),
          payment: row.payment_type === 'card' ? { type: 'card', text: cardText(row.card_brand, row.card_last4) } : { type: 'transfer', bank: mailing.seller.bank },
          fileName: invoicePdfName(invoice),
        })
      : receiptMail(language, {
          ...common,
          receiptNumber: row.receipt_number!,
          paidAt: row.paid_at!,
          paymentMethodText: row.payment_method_text,
          fileName: receiptPdfName(invoice, row.receipt_number!),
        });
  const attachment = { kind: event === 'issued' ? 'invoice' : 'receipt', accountId: row.account_id, invoiceId } as const;
  const addresses = billingMailAddresses(row.billing_email, parseRecipients(row.invoice_recipients));
  const now = mailing.now();
  for (const to of addresses) {
    await enqueueMail(trx, { to, ...mail, messageId: messageIdOf(event, invoiceId, to), attachment }, now);
  }
  return addresses.length;
}

/**
 * The mail sender's renderer for billing mails: the invoice or receipt PDF of the API's PDF routes
 * (server/documents/invoice-documents.ts), in the account's invoice language at delivery time.
 * Throws when the invoice is gone, so the mail waits (and is retried) rather than leave without it.
 */
export function billingAttachments(db: Kysely<Database>, seller: Seller): AttachmentRenderer {
  return async (ref) => {
    const pdf = ref.kind === 'invoice' ? await invoicePdf(db, seller, ref.accountId, ref.invoiceId) : await receiptPdf(db, seller, ref.accountId, ref.invoiceId);
    if (!pdf) throw new Error(`Invoice ${ref.invoiceId} of account ${ref.accountId} not found for its ${ref.kind} PDF.`);
    return { fileName: pdf.fileName, contentType: 'application/pdf', content: pdf.bytes };
  };
}
