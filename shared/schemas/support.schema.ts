// The support desk's shapes (R7, R8): a keyset page of the queue, one case beside the account, invoice search.
import { z } from 'zod';
import { boundedText, queryIntegerOr } from './common.schema';
import { appliesFromSchema, billingDetailsSchema, changeRequestStatusSchema, supportCaseSchema } from './change-request.schema';
import { invoiceSummarySchema } from './invoice.schema';

/** `GET /support/change-requests`: one status (default open), oldest first, keyset-paged, optionally searched. */
export const supportQueueQuerySchema = z.strictObject({
  status: changeRequestStatusSchema.default('open'),
  limit: queryIntegerOr(25, { min: 1, max: 100 }),
  cursor: boundedText(200).optional(),
  /** A case number prefix (`CR-2026-0004`) or part of the company name, compared by identity key. */
  q: boundedText(100).optional(),
});
export type SupportQueueQuery = z.output<typeof supportQueueQuerySchema>;

/** `late`: still open after its expected end (`expectedBy`, UTC date). */
export const supportQueueItemSchema = supportCaseSchema.extend({ late: z.boolean() }).meta({ id: 'SupportQueueItem' });
export type SupportQueueItem = z.infer<typeof supportQueueItemSchema>;

export const supportQueuePageSchema = z
  .object({ items: z.array(supportQueueItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SupportQueuePage' });
export type SupportQueuePage = z.infer<typeof supportQueuePageSchema>;

/**
 * One case as staff work it: what the account holds now (read from the account at this request,
 * never from the case), whether it is late, and the invoice a completion now would first show on (R8).
 * `resolvedBy`: the staff member's (or the withdrawing holder's) e-mail, so a second person sees who did it.
 */
export const supportCaseViewSchema = supportCaseSchema
  .extend({
    accountNow: billingDetailsSchema,
    late: z.boolean(),
    appliesFrom: appliesFromSchema,
    resolvedBy: z.string().nullable(),
  })
  .meta({ id: 'SupportCaseView' });
export type SupportCaseView = z.infer<typeof supportCaseViewSchema>;

/** `GET /support/invoices?number=`: one invoice number as printed (`FP-2026-000123`). */
export const supportInvoiceQuerySchema = z.strictObject({ number: boundedText(40).min(1, 'Required') });

export const supportInvoiceSchema = invoiceSummarySchema.extend({ companyName: z.string() }).meta({ id: 'SupportInvoice' });
export type SupportInvoice = z.infer<typeof supportInvoiceSchema>;
export const supportInvoiceListSchema = z.object({ items: z.array(supportInvoiceSchema) }).meta({ id: 'SupportInvoiceList' });
