// Proposals (issue 16 §2): a member suggests a Billing page change, the holder approves or declines it.
import { z } from 'zod';
import { LIMITS } from '../fields';
import { billingPagePatchSchema, billingPageSchema } from './billing.schema';
import { addressSchema, boundedText, isoDateTime, requiredMultiLineText, queryIntegerOr } from './common.schema';

/** `changes`: exactly the Billing page PATCH body (same schema, so new Billing page fields follow); `note` for the holder. */
export const proposalCreateSchema = z
  .strictObject({
    changes: billingPagePatchSchema,
    note: boundedText(LIMITS.reason, 'multi')
      .nullable()
      .optional()
      .transform((v): string | null => (v ? v : null)),
  })
  .meta({ id: 'ProposalCreate' });
export type ProposalCreate = z.input<typeof proposalCreateSchema>;

export const proposalDeclineSchema = z.strictObject({ reason: requiredMultiLineText(LIMITS.reason) }).meta({ id: 'ProposalDecline' });

/** A field's value before or after: text (phones in E.164), a list (of e-mails), an address, or null when empty. */
const changeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), addressSchema, z.array(z.string())]);

/** One field the proposal changes, by its Billing page path (`contact.phone`, `billing.address.city`…). */
export const proposalChangeSchema = z
  .object({ field: z.string(), before: changeValueSchema, after: changeValueSchema })
  .meta({ id: 'ProposalChange' });
export type ProposalChange = z.infer<typeof proposalChangeSchema>;

export const proposalStatusSchema = z.enum(['pending', 'approved', 'declined', 'withdrawn']);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

export const proposalSchema = z
  .object({
    id: z.string(),
    status: proposalStatusSchema,
    /** The member who proposed it, by name (no e-mail address). */
    proposedBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: isoDateTime(),
    /** Each field before (as the page held it when proposed) and after. */
    changes: z.array(proposalChangeSchema),
    note: z.string().nullable(),
    /** The Billing page version the member saw when proposing. */
    baseVersion: z.number().int(),
    resolvedAt: isoDateTime().nullable(),
    /** The holder's reason, when declined. */
    declineReason: z.string().nullable(),
    /** On an invoice payer: the change request the approval filed for billing address, phone or e-mail (R6). */
    changeRequest: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
  })
  .meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalPageSchema = z
  .object({ items: z.array(proposalSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ProposalPage' });
export type ProposalPage = z.infer<typeof proposalPageSchema>;

/** `status` filters (pending for the holder's queue); newest first, keyset-paged. */
export const proposalQuerySchema = z.strictObject({
  status: proposalStatusSchema.optional(),
  limit: queryIntegerOr(20, { min: 1, max: 100 }),
  cursor: boundedText(200).optional(),
});

/** An approval's answer: the proposal, now approved, and the Billing page as it is after it. */
export const proposalApprovedSchema = z
  .object({ proposal: proposalSchema, page: billingPageSchema })
  .meta({ id: 'ProposalApproved' });
export type ProposalApproved = z.infer<typeof proposalApprovedSchema>;
