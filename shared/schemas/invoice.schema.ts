// Billing History, invoices, receipts and subscriptions as the API returns them (product.md §3).
import { z } from 'zod';
import { addressSchema, boundedText, isoDate, isoDateTime, queryInteger, queryIntegerOr } from './common.schema';

export const billToSchema = z
  .object({
    companyName: z.string(),
    contactName: z.string(),
    email: z.string(),
    phone: z.string(),
    vatId: z.string().nullable(),
    address: addressSchema,
    /** Who else got this invoice's mails at issue (issue 14); [] on invoices issued before the field existed. */
    invoiceRecipients: z.array(z.string()),
  })
  .meta({ id: 'BillTo' });
export type BillTo = z.infer<typeof billToSchema>;

export const invoiceStatusSchema = z.enum(['open', 'paid']);

export const invoiceSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    issuedAt: isoDateTime(),
    periodStart: isoDateTime(),
    periodEnd: isoDateTime(),
    total: z.number().int(),
    currency: z.string(),
    status: invoiceStatusSchema,
    paidAt: isoDateTime().nullable(),
  })
  .meta({ id: 'InvoiceSummary' });
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const invoicePageSchema = z
  .object({ items: z.array(invoiceSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'InvoicePage' });
export type InvoicePage = z.infer<typeof invoicePageSchema>;

export const invoiceLineSchema = z.object({
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: z.number().int(),
  amount: z.number().int(),
  periodStart: isoDateTime(),
  periodEnd: isoDateTime(),
});

/** How it was paid: a card as the receipt prints it ("Visa •••• 4242"), or a bank transfer. */
export const paymentTextSchema = z.union([
  z.object({ type: z.literal('card'), text: z.string() }),
  z.object({ type: z.literal('transfer') }),
]);

/** Where to send a bank transfer: an IBAN account, or an account and routing number (from the seller file). */
export const bankDetailsSchema = z
  .union([
    z.object({ accountHolder: z.string(), iban: z.string(), bic: z.string() }),
    z.object({ accountHolder: z.string(), accountNumber: z.string(), routingNumber: z.string(), bankName: z.string() }),
  ])
  .meta({ id: 'BankDetails' });
export type BankDetails = z.infer<typeof bankDetailsSchema>;

/** How to pay an open invoice: the seller's bank details and the reference to quote (the invoice number). */
export const invoicePaymentSchema = z
  .object({ reference: z.string(), bank: bankDetailsSchema })
  .meta({ id: 'InvoicePayment' });
export type InvoicePayment = z.infer<typeof invoicePaymentSchema>;

export const invoiceSchema = invoiceSummarySchema
  .extend({
    subtotal: z.number().int(),
    tax: z.number().int(),
    taxRateBp: z.number().int(),
    billTo: billToSchema,
    lines: z.array(invoiceLineSchema),
    receiptNumber: z.string().nullable(),
    /** Issue date + the seller's payment terms in days, a UTC calendar date. */
    dueDate: isoDate(),
    /** How to pay while the invoice is open; null once paid. */
    payment: invoicePaymentSchema.nullable(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof invoiceSchema>;

export const sellerSchema = z.object({
  name: z.string(),
  address: addressSchema,
  email: z.string(),
  vatId: z.string(),
});

export const receiptSchema = z
  .object({
    receiptNumber: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    paidAt: isoDateTime(),
    amount: z.number().int(),
    subtotal: z.number().int(),
    tax: z.number().int(),
    taxRateBp: z.number().int(),
    currency: z.string(),
    paymentMethod: paymentTextSchema,
    billTo: billToSchema,
    seller: sellerSchema,
    lines: z.array(invoiceLineSchema),
    periodStart: isoDateTime(),
    periodEnd: isoDateTime(),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof receiptSchema>;

/** Billing History and the yearly documents cover issue years 2000–2100 (UTC); outside is a 400 naming `query.year`. */
export const MIN_INVOICE_YEAR = 2000;
export const MAX_INVOICE_YEAR = 2100;
const yearField = queryInteger({ min: MIN_INVOICE_YEAR, max: MAX_INVOICE_YEAR, description: 'Issue year (UTC), e.g. 2026', example: 2026 });

export const invoiceListQuerySchema = z.strictObject({
  limit: queryIntegerOr(20, { min: 1, max: 100 }),
  cursor: boundedText(200).optional(),
  /** Only paid (what "Print latest receipt" wants) or only open invoices. */
  status: invoiceStatusSchema.optional(),
  /**
   * A search in invoice numbers (case-insensitive substring, e.g. `0001`); a complete number that is exactly
   * one of the account's invoices (the omnibox's `bill receipt FP-2026-000123`) finds that invoice alone.
   */
  number: boundedText(40).optional(),
  /** Only invoices issued in that year (UTC). */
  year: yearField.optional(),
});
export type InvoiceListQuery = z.output<typeof invoiceListQuerySchema>;

/** `?year=YYYY` of the yearly summary, CSV and receipts pack (required). */
export const invoiceYearQuerySchema = z.strictObject({ year: yearField });

export const currencyTotalsSchema = z
  .object({
    currency: z.string(),
    /** Sum of every invoice's total issued that year, minor units. */
    invoiced: z.number().int(),
    /** Of which paid, minor units. */
    paid: z.number().int(),
    /** Of which still open, minor units. */
    open: z.number().int(),
    /** How many invoices. */
    count: z.number().int(),
  })
  .meta({ id: 'CurrencyTotals' });

export const invoiceYearSummarySchema = z
  .object({ year: z.number().int(), totals: z.array(currencyTotalsSchema) })
  .meta({ id: 'InvoiceYearSummary', description: 'Totals per currency (code order) of the invoices issued that year (UTC)' });
export type InvoiceYearSummary = z.infer<typeof invoiceYearSummarySchema>;
