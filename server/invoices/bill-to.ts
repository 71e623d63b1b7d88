// The bill-to snapshot of an issued invoice (R8), read from its stored JSON whatever release wrote it.
import type { BillTo } from '../../shared/api-types';

/**
 * invoices.bill_to → BillTo. Snapshots written before issue 14 have no `invoiceRecipients`: they
 * read as [] (nobody else was mailed then), so every invoice and receipt answer keeps its schema.
 */
export function parseBillTo(json: string): BillTo {
  const stored = JSON.parse(json) as Omit<BillTo, 'invoiceRecipients'> & { invoiceRecipients?: string[] };
  return { ...stored, invoiceRecipients: stored.invoiceRecipients ?? [] };
}
