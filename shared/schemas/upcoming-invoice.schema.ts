// The next invoice before it is issued (issue 16 §3), as the API returns it.
import { z } from 'zod';
import { isoDate, isoDateTime } from './common.schema';
import { billToSchema, invoiceLineSchema } from './invoice.schema';

/** One invoice the billing run will issue for one subscription; amounts in minor units of `currency`. */
export const upcomingInvoiceDraftSchema = z.object({
  subscriptionId: z.string(),
  periodStart: isoDateTime(),
  periodEnd: isoDateTime(),
  lines: z.array(invoiceLineSchema),
  subtotal: z.number().int(),
  tax: z.number().int(),
  taxRateBp: z.number().int(),
  total: z.number().int(),
  currency: z.string(),
});

export const upcomingInvoiceSchema = z
  .object({
    /** The day (UTC) of the next invoice; null when no subscription renews (nothing will be issued). */
    billingDate: isoDate().nullable(),
    /** R8: a change saved before this instant is on that invoice; one saved at or after it, on the one after. */
    cutoff: isoDateTime().nullable(),
    subscriptionId: z.string().nullable(),
    periodStart: isoDateTime().nullable(),
    periodEnd: isoDateTime().nullable(),
    lines: z.array(invoiceLineSchema),
    subtotal: z.number().int().nullable(),
    tax: z.number().int().nullable(),
    taxRateBp: z.number().int().nullable(),
    total: z.number().int().nullable(),
    currency: z.string().nullable(),
    /** Exactly the snapshot the billing run would take if it ran now. */
    billTo: billToSchema,
    /** The other invoices the same run issues on `billingDate` (other subscriptions, maybe other currencies). */
    more: z.array(upcomingInvoiceDraftSchema),
    /**
     * For invoice payers (R6): a change request filed now and completed by its expected date (R7) is
     * first on the invoice of `reaches` (null when nothing renews). Null for card payers.
     */
    changeRequest: z.object({ expectedBy: isoDate(), reaches: isoDate().nullable() }).nullable(),
  })
  .meta({ id: 'UpcomingInvoice' });
export type UpcomingInvoice = z.infer<typeof upcomingInvoiceSchema>;
