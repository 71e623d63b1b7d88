// Who issues the invoices and receipts: the operator's settings file (SELLER_FILE), validated once at start.
import fs from 'node:fs';
import { z } from 'zod';
import { addressSchema, emailField, requiredText } from '../../shared/schemas/common.schema';
import demoSeller from '../demo/seller.json';
import { unprintableFieldErrors } from '../documents/printable';

const compact = (v: string) => v.replace(/\s+/g, '').toUpperCase();

/** ISO 13616 mod-97 check of an IBAN already compacted and upper-cased. */
function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const ibanField = z
  .string()
  .max(50)
  .transform(compact)
  .refine((v) => /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(v) && ibanChecksumOk(v), 'not a valid IBAN (ISO 13616)');
const bicField = z
  .string()
  .max(20)
  .transform(compact)
  .refine((v) => /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'not a valid BIC (ISO 9362: 8 or 11 characters)');

/** Bank details for transfers: an IBAN account (SEPA and most of the world) or an account and routing number (US, …). */
export const sellerBankSchema = z.union([
  z.strictObject({ accountHolder: requiredText(120), iban: ibanField, bic: bicField }),
  z.strictObject({
    accountHolder: requiredText(120),
    accountNumber: z.string().regex(/^[0-9]{4,17}$/, 'must be 4 to 17 digits'),
    routingNumber: z.string().regex(/^[0-9]{9}$/, 'must be 9 digits (ABA routing number)'),
    bankName: requiredText(120),
  }),
]);

export const sellerFileSchema = z.strictObject({
  /** The seller's legal name, as printed on invoices and receipts. */
  legalName: requiredText(200),
  address: addressSchema,
  /** VAT id or other tax id, printed as the operator writes it. */
  vatId: requiredText(40),
  email: emailField,
  bank: sellerBankSchema,
  /** Days between an invoice's issue date and its due date. */
  paymentTermsDays: z.number().int('must be a whole number of days').min(0).max(365),
});

/** The seller block of every invoice and receipt (issue 14). */
export type Seller = z.output<typeof sellerFileSchema>;
export type SellerBank = Seller['bank'];

export class SellerFileError extends Error {}

/** Human names of the fields, for the one-line start-up error. */
const FIELD_NAMES: Record<string, string> = {
  legalName: 'legal name',
  vatId: 'VAT/tax id',
  email: 'e-mail',
  bank: 'bank details (IBAN and BIC, or account number, routing number and bank name)',
  paymentTermsDays: 'payment terms in days',
};

/** The seller's printed texts by field path (`address.city`, `bank.accountHolder`, …). */
function sellerTexts(seller: Seller): Record<string, unknown> {
  const { bank, address, paymentTermsDays: _days, ...rest } = seller;
  return {
    ...rest,
    ...Object.fromEntries(Object.entries(address).map(([k, v]) => [`address.${k}`, v])),
    ...Object.fromEntries(Object.entries(bank).map(([k, v]) => [`bank.${k}`, v])),
  };
}

/** Validates parsed JSON as a seller; throws SellerFileError naming the first bad field (also one the invoice PDF cannot print). */
export function parseSeller(value: unknown, source: string): Seller {
  const parsed = sellerFileSchema.safeParse(value);
  if (parsed.success) {
    // Every seller field is printed on every invoice and receipt: only characters the documents' fonts draw.
    const [unprintable] = unprintableFieldErrors(sellerTexts(parsed.data));
    if (unprintable) throw new SellerFileError(`Seller file ${source}: field ${unprintable.path} is invalid: ${unprintable.message}`);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || '(the whole file)';
  // A union names no branch: say what both branches need.
  const top = String(issue.path[0] ?? '');
  const what = issue.code === 'invalid_union' ? FIELD_NAMES.bank : issue.message;
  const name = FIELD_NAMES[top] && issue.path.length === 1 ? ` (${FIELD_NAMES[top]})` : '';
  throw new SellerFileError(`Seller file ${source}: field ${field}${name} is invalid: ${what}`);
}

/**
 * Reads and validates the seller settings file (JSON) at `path`; throws SellerFileError with one line
 * naming the file and the field (legalName, address.*, vatId, email, bank.*, paymentTermsDays).
 */
export function loadSeller(path: string): Seller {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new SellerFileError(`Seller file ${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SellerFileError(`Seller file ${path} is not JSON: ${(err as Error).message}`);
  }
  return parseSeller(json, path);
}

/** The demo's seller (server/demo/seller.json, bundled), used when SELLER_FILE is not set. */
export const DEMO_SELLER: Seller = parseSeller(demoSeller, 'server/demo/seller.json');

/** Days after the issue date an invoice is due, as a `YYYY-MM-DD` UTC calendar date. */
export function dueDateOf(issuedAt: string, seller: Pick<Seller, 'paymentTermsDays'>): string {
  const day = new Date(`${issuedAt.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + seller.paymentTermsDays);
  return day.toISOString().slice(0, 10);
}
