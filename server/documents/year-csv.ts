// The year's invoices as RFC 4180 CSV: pure functions from rows to text, one line at a time (issue 14).
import { minorUnitsToDecimal } from '../../shared/money';

/** One invoice as the CSV needs it: dates are ISO 8601 UTC date-times, amounts integer minor units. */
export interface CsvInvoice {
  number: string;
  issued_at: string;
  period_start: string;
  period_end: string;
  subtotal: number;
  tax: number;
  total: number;
  currency: string;
  status: 'open' | 'paid';
  paid_at: string | null;
  receipt_number: string | null;
}

/** Column titles in the document's language; the columns are fixed by the issue 14 contract. */
const HEADERS: Record<'en' | 'fr', readonly string[]> = {
  en: ['Invoice number', 'Issue date', 'Period start', 'Period end', 'Net', 'Tax', 'Total', 'Currency', 'Status', 'Paid date', 'Receipt number'],
  fr: ['Numéro de facture', "Date d'émission", 'Début de période', 'Fin de période', 'Montant HT', 'TVA', 'Total TTC', 'Devise', 'Statut', 'Date de paiement', 'Numéro de reçu'],
};

/** RFC 4180 §2: lines end with CRLF. */
const CRLF = '\r\n';

/**
 * Spreadsheets run a cell that starts with = + - @ (or TAB, CR, which some strip before looking) as a
 * formula (OWASP "CSV Injection"): such a text cell gets a leading apostrophe, which shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A decimal amount we wrote ourselves from an integer: never a formula, so a minus sign stays a number. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** RFC 4180 §2.6–2.7: a field with a quote, comma, CR or LF is quoted, its quotes doubled. */
function field(value: string): string {
  const safe = FORMULA_START.test(value) && !DECIMAL.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly string[]) => cells.map(field).join(',') + CRLF;

/** The calendar day (UTC) of an ISO 8601 UTC date-time: 2026-11-01T00:00:00.000Z → 2026-11-01. */
const day = (isoDateTime: string | null) => (isoDateTime ? isoDateTime.slice(0, 10) : '');

/**
 * The header line, with a UTF-8 byte order mark first: spreadsheets opening the saved file otherwise read
 * the French titles as Latin-1 (the `charset=utf-8` of the answer does not travel with the file).
 */
export function csvHeader(language: 'en' | 'fr'): string {
  return `\uFEFF${line(HEADERS[language])}`;
}

/**
 * One invoice as a CSV line (CRLF-terminated): number, issue date, period start and end (YYYY-MM-DD, UTC),
 * net, tax and total as decimals with the currency's ISO 4217 exponent and '.' (JPY 500 → "500",
 * EUR 1999 → "19.99", BHD 1234 → "1.234"), currency code, status (`paid`/`open`), paid date, receipt number.
 */
export function csvLine(invoice: CsvInvoice): string {
  const amount = (minor: number) => minorUnitsToDecimal(minor, invoice.currency);
  return line([
    invoice.number,
    day(invoice.issued_at),
    day(invoice.period_start),
    day(invoice.period_end),
    amount(invoice.subtotal),
    amount(invoice.tax),
    amount(invoice.total),
    invoice.currency,
    invoice.status,
    day(invoice.paid_at),
    invoice.receipt_number ?? '',
  ]);
}

/** The whole CSV of `invoices` as text chunks: the header, then one line per invoice, as they arrive. */
export async function* yearCsv(invoices: AsyncIterable<CsvInvoice> | Iterable<CsvInvoice>, language: 'en' | 'fr'): AsyncGenerator<string> {
  yield csvHeader(language);
  for await (const invoice of invoices) yield csvLine(invoice);
}
