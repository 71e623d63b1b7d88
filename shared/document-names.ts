// One pattern for the names of every billing document: PDFs, the CSV and the yearly pack (issue 14).

/** The issue date as YYYY-MM-DD in UTC: file names sort by date. */
function day(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}

/** `2026-11-01_FP-2026-000031_invoice.pdf` — `issuedAt` is an ISO 8601 UTC date-time. */
export function invoicePdfName(invoice: { number: string; issuedAt: string }): string {
  return `${day(invoice.issuedAt)}_${invoice.number}_invoice.pdf`;
}

/** `2026-11-01_FP-2026-000031_receipt_RC-2026-000021.pdf` — dated by the invoice it settles. */
export function receiptPdfName(invoice: { number: string; issuedAt: string }, receiptNumber: string): string {
  return `${day(invoice.issuedAt)}_${invoice.number}_receipt_${receiptNumber}.pdf`;
}

/** `2026_invoices.csv`: every invoice issued in that UTC year. */
export function yearCsvName(year: number): string {
  return `${year}_invoices.csv`;
}

/** `2026_receipts.zip`: every receipt of that year, plus the year's CSV. */
export function yearZipName(year: number): string {
  return `${year}_receipts.zip`;
}
