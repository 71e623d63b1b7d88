// Change requests (R6, R7): the body an invoice payer files, the case as the API returns it, the support desk's shapes.
import { z } from 'zod';
import { LIMITS } from '../fields';
import { addressSchema, emailField, isoDate, isoDateTime, phoneField, requiredMultiLineText } from './common.schema';

/** Billing address, billing phone and billing e-mail: each of them mandatory (R6). */
export const billingDetailsInputSchema = z.strictObject({
  address: addressSchema,
  phone: phoneField,
  email: emailField,
});

export const changeRequestCreateSchema = z
  .strictObject({
    contactEmail: emailField,
    current: billingDetailsInputSchema,
    requested: billingDetailsInputSchema,
    details: requiredMultiLineText(LIMITS.details),
  })
  .meta({ id: 'ChangeRequestCreate' });

export type ChangeRequestCreate = z.input<typeof changeRequestCreateSchema>;

export const billingDetailsSchema = z.object({ address: addressSchema, phone: z.string(), email: z.string() });
export type BillingDetails = z.output<typeof billingDetailsSchema>;

/** `withdrawn`: the holder took the case back before support resolved it (R13). */
export const changeRequestStatusSchema = z.enum(['open', 'completed', 'rejected', 'withdrawn']);
export type ChangeRequestStatus = z.infer<typeof changeRequestStatusSchema>;

export const changeRequestSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    caseNumber: z.string().meta({ example: 'CR-2026-00042' }),
    status: changeRequestStatusSchema,
    createdAt: isoDateTime(),
    /** Dates (YYYY-MM-DD): 5 and 7 business days after creation. */
    expectedFrom: isoDate().meta({ example: '2026-12-07' }),
    expectedBy: isoDate().meta({ example: '2026-12-09' }),
    contactEmail: z.string(),
    /** What the person typed as the current details: kept as typed, never trusted. */
    current: billingDetailsSchema,
    /**
     * What the account actually held when the case was filed, read by the server in the filing
     * transaction (R13), for support to compare `current` against; null for cases filed before 2026-11-30.
     */
    accountAtFiling: billingDetailsSchema.nullable().meta({
      description:
        "The account's billing address, phone and e-mail as stored when the case was filed (R13); null for cases filed before 2026-11-30.",
    }),
    requested: billingDetailsSchema,
    details: z.string(),
    resolvedAt: isoDateTime().nullable(),
    rejectReason: z.string().nullable(),
  })
  .meta({ id: 'ChangeRequest' });

export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const changeRequestListSchema = z.object({ items: z.array(changeRequestSchema) }).meta({ id: 'ChangeRequestList' });

/** The support queue names the company, so staff see whose case it is. */
export const supportCaseSchema = changeRequestSchema.extend({ companyName: z.string() }).meta({ id: 'SupportCase' });
export type SupportCase = z.infer<typeof supportCaseSchema>;

export const rejectChangeRequestSchema = z
  .strictObject({ reason: requiredMultiLineText(LIMITS.reason) })
  .meta({ id: 'RejectChangeRequest' });

/** R8: a change completed before the next billing date shows on that next invoice, else on the one after. */
export const appliesFromSchema = z.object({
  beforeNextBillingDate: z.boolean(),
  nextBillingDate: isoDate().nullable(),
});
export type AppliesFrom = z.infer<typeof appliesFromSchema>;

export const completedChangeRequestSchema = supportCaseSchema
  .extend({ appliesFrom: appliesFromSchema })
  .meta({ id: 'CompletedChangeRequest' });
export type CompletedChangeRequest = z.infer<typeof completedChangeRequestSchema>;
