// Account activity as the API returns it (issue 16 §1): who changed what on the account, and when.
import { z } from 'zod';
import { roleSchema } from './billing.schema';
import { addressSchema, boundedText, isoDateTime, queryIntegerOr } from './common.schema';

/**
 * Who did it. A person of the account by name and current role (null once they left the account);
 * support staff and operators only by kind, never by name or e-mail; `system` is the billing run.
 */
export const activityActorSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('person'), name: z.string(), role: roleSchema.nullable() }),
    z.object({ type: z.literal('support') }),
    z.object({ type: z.literal('operator') }),
    z.object({ type: z.literal('system') }),
  ])
  .meta({ id: 'ActivityActor' });
export type ActivityActor = z.infer<typeof activityActorSchema>;

/** A field's value: text (phones in E.164), a whole address, a list (of e-mails), or null when empty. */
const activityValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), addressSchema, z.array(z.string())]);

/** One changed field, named by its Billing page path: `contact.companyName`, `billing.address`, `billing.vatId`… */
export const activityChangeSchema = z
  .object({ field: z.string(), before: activityValueSchema, after: activityValueSchema })
  .meta({ id: 'ActivityChange' });
export type ActivityChange = z.infer<typeof activityChangeSchema>;

export const ACTIVITY_ACTIONS = [
  'billing_page.updated',
  'change_request.filed',
  'change_request.completed',
  'change_request.rejected',
  'change_request.withdrawn',
  'subscription.cancelled',
  'subscription.resumed',
  'invoice.issued',
  'invoice.paid',
] as const;

export const activityEntrySchema = z
  .object({
    id: z.string(),
    at: isoDateTime(),
    actor: activityActorSchema,
    /** One of ACTIVITY_ACTIONS, or `proposal.<verb>` (issue 16 §2). */
    action: z.string().meta({ examples: [...ACTIVITY_ACTIONS, 'proposal.submitted'] }),
    /** For changes of the Billing page: each field before and after. */
    changes: z.array(activityChangeSchema).optional(),
    /** The change request (`CR-2026-00042`) the entry is about, or that a support change completed. */
    caseNumber: z.string().optional(),
    /** The invoice (`FP-2026-000123`) issued or paid, with its total in minor units of `currency`. */
    invoiceNumber: z.string().optional(),
    total: z.number().int().optional(),
    currency: z.string().optional(),
    /** The subscription's product, for cancellations and resumptions. */
    product: z.string().optional(),
    /** Why support rejected a change request. */
    reason: z.string().optional(),
  })
  .meta({ id: 'ActivityEntry' });
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityPageSchema = z
  .object({ items: z.array(activityEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ActivityPage' });
export type ActivityPage = z.infer<typeof activityPageSchema>;

export const activityQuerySchema = z.strictObject({
  limit: queryIntegerOr(20, { min: 1, max: 100 }),
  cursor: boundedText(200).optional(),
});
