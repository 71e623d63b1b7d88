// The Billing page: its response shape and the PATCH body (product.md §2).
import { z } from 'zod';
import { LIMITS } from '../fields';
import { MAX_INVOICE_RECIPIENTS } from '../invoice-recipients';
import {
  addressPatchSchema,
  addressSchema,
  emailField,
  isoDate,
  optionalText,
  phoneField,
  requiredText,
} from './common.schema';

export const roleSchema = z.enum(['holder', 'user']);
export type Role = z.infer<typeof roleSchema>;

export const paymentMethodSchema = z
  .union([
    z.object({
      type: z.literal('card'),
      brand: z.string().optional(),
      last4: z.string().optional(),
      expMonth: z.number().int().optional(),
      expYear: z.number().int().optional(),
    }),
    z.object({ type: z.literal('invoice') }),
  ])
  .meta({ id: 'PaymentMethod' });

export const contactSchema = z.object({
  companyName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  address: addressSchema,
});

/** The language of billing mails and documents (issue 14); the same two languages as the app. */
export const invoiceLanguageSchema = z.enum(['en', 'fr']).meta({
  description: "Language of the account's billing mails and PDF documents; defaults to the holder's language.",
});

/** Up to 5 extra addresses for the billing mails: plain mailboxes, distinct, not the billing e-mail (checked by the server). */
export const invoiceRecipientsField = z
  .array(emailField)
  .max(MAX_INVOICE_RECIPIENTS, `At most ${MAX_INVOICE_RECIPIENTS} addresses`)
  .meta({
    description: `Up to ${MAX_INVOICE_RECIPIENTS} more addresses that get the invoice and receipt mails; distinct (compared case-insensitively), not the billing e-mail. Replaces the whole list.`,
  });

export const billingSectionSchema = z.object({
  email: z.string(),
  phone: z.string(),
  vatId: z.string().nullable(),
  address: addressSchema,
  invoiceLanguage: invoiceLanguageSchema,
  /** In the order the holder gave them; empty when nobody else gets the billing mails. */
  invoiceRecipients: z.array(z.string()),
});

export const billingPageSchema = z
  .object({
    accountId: z.string(),
    role: roleSchema,
    /** The account holder's name (R1), so a member's reason can say who may change the page (R3); null if none. */
    holderName: z.string().nullable().meta({
      description: "The account holder's name (R1), for the reason a member reads (R3); null when the account has no holder.",
      example: 'Ada Lovelace',
    }),
    /**
     * What the caller may change here: `contact`; `billing` = billing address, phone and e-mail (card
     * payers' holders, R5; invoice payers use a change request, R6); `vatId` = the VAT id (every holder, R14).
     */
    editable: z
      .object({
        contact: z.boolean(),
        billing: z.boolean(),
        vatId: z.boolean(),
        invoiceLanguage: z.boolean(),
        invoiceRecipients: z.boolean(),
      })
      .meta({
        description:
          'contact: contact fields; billing: billing address, phone and e-mail (holder of a card payer, R5; invoice payers file a change request, R6); vatId: the VAT id (every holder, R14); invoiceLanguage, invoiceRecipients: who gets the billing mails and in which language (every holder, card or invoice payer: they do not change the legal bill-to).',
      }),
    paymentMethod: paymentMethodSchema,
    contact: contactSchema,
    billing: billingSectionSchema,
    nextBillingDate: isoDate().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'BillingPage' });

export type BillingPage = z.infer<typeof billingPageSchema>;

export const contactPatchSchema = z.strictObject({
  companyName: requiredText(LIMITS.companyName).optional(),
  firstName: requiredText(LIMITS.personName).optional(),
  lastName: requiredText(LIMITS.personName).optional(),
  email: emailField.optional(),
  phone: phoneField.optional(),
  address: addressPatchSchema.optional(),
});

export const billingPatchSchema = z.strictObject({
  email: emailField.optional(),
  phone: phoneField.optional(),
  /** Checked against the billing country after the PATCH (R14); empty or null clears it. */
  vatId: optionalText(LIMITS.vatId).optional(),
  address: addressPatchSchema.optional(),
  /** Every holder, directly (not R6): the language of billing mails and documents. */
  invoiceLanguage: invoiceLanguageSchema.optional(),
  /** Every holder, directly (not R6): the whole new list; [] removes every extra recipient. */
  invoiceRecipients: invoiceRecipientsField.optional(),
});

export const billingPagePatchSchema = z
  .strictObject({
    contact: contactPatchSchema.optional(),
    billing: billingPatchSchema.optional(),
  })
  .meta({ id: 'BillingPagePatch' });

export type BillingPagePatch = z.input<typeof billingPagePatchSchema>;
