// Who else gets the billing mails: the rules of `billing.invoiceRecipients` (issue 14), shared by the API, the CLI and the extension.
import type { FieldError } from './errors';
import { emailKey } from './identity-key';

/** At most this many extra addresses besides the billing e-mail. */
export const MAX_INVOICE_RECIPIENTS = 5;

/**
 * What is wrong with a list of invoice recipients (each already a valid mailbox, see emailField),
 * checked against the billing e-mail the account will have: an address given twice, or the billing
 * e-mail itself, both compared by emailKey (shared/identity-key.ts: case, Unicode form, IDN A/U-label). One error per offending
 * entry, its path `${prefix}.${index}` (e.g. `billing.invoiceRecipients.2`); [] when all is well.
 */
export function invoiceRecipientErrors(recipients: readonly string[], billingEmail: string, prefix = 'billing.invoiceRecipients'): FieldError[] {
  const errors: FieldError[] = [];
  const billingKey = emailKey(billingEmail);
  const seen = new Map<string, number>();
  for (const [i, address] of recipients.entries()) {
    const key = emailKey(address);
    if (key === billingKey) errors.push({ path: `${prefix}.${i}`, message: 'This is the billing e-mail, which gets these mails already' });
    else if (seen.has(key)) errors.push({ path: `${prefix}.${i}`, message: `Listed twice (also ${prefix}.${seen.get(key)})` });
    else seen.set(key, i);
  }
  return errors;
}

/**
 * Everyone a billing mail goes to: the billing e-mail first, then each recipient, once each by
 * emailKey (a list stored before a rule changed cannot make anyone get a mail twice).
 */
export function billingMailAddresses(billingEmail: string, recipients: readonly string[]): string[] {
  const seen = new Set<string>();
  return [billingEmail, ...recipients].filter((address) => {
    const key = emailKey(address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The stored JSON column (accounts.invoice_recipients, bill-to snapshots) as a list; anything else is []. */
export function parseRecipients(json: string | null | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
