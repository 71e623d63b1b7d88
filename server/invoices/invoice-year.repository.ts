// An account's invoices of one issue year: totals per currency, and every row in short keyset pages.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Keyset } from './cursor';
import { yearBounds } from './invoice.repository';

/** What the CSV and the receipts pack need of an invoice. */
export interface YearInvoiceRow {
  id: string;
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

/** Rows per page: each page is one short indexed query, never a transaction held across the walk. */
export const YEAR_PAGE_SIZE = 200;

/** A SUM comes back as numeric text from PostgreSQL: read it exactly or refuse (money below 2^53). */
function exact(value: string | number | bigint | null): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A total beyond 2^53 − 1 cannot be read exactly: ${value}`);
  return n;
}

/**
 * Totals per currency of the invoices issued in `year` (UTC), in currency code order: invoiced (every
 * invoice's total), paid and open (by status), and the count; integer minor units. Empty when none.
 */
export async function yearTotals(db: Db, accountId: string, year: number) {
  const [from, to] = yearBounds(year);
  const rows = await db
    .selectFrom('invoices')
    .select((eb) => [
      'currency',
      eb.fn.sum<string | number>('total').as('invoiced'),
      eb.fn.sum<string | number>(sql`case when status = 'paid' then total else 0 end`).as('paid'),
      eb.fn.sum<string | number>(sql`case when status = 'open' then total else 0 end`).as('open'),
      eb.fn.countAll<string | number>().as('count'),
    ])
    .where('account_id', '=', accountId)
    .where('issued_at', '>=', from)
    .where('issued_at', '<', to)
    .groupBy('currency')
    // Grouped by currency: one row per code, so the code alone is a total order.
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, invoiced: exact(r.invoiced), paid: exact(r.paid), open: exact(r.open), count: exact(r.count) }));
}

/**
 * Every invoice of `year` (UTC), oldest first on (issued_at, id), one keyset page of `pageSize` at a time:
 * memory holds one page however long the year, and no query or transaction stays open between pages
 * (a slow download must not pin a database connection). `status: 'paid'` gives only the receipts.
 */
export async function* invoicesOfYear(
  db: Db,
  accountId: string,
  year: number,
  opts: { status?: 'paid'; pageSize?: number } = {},
): AsyncGenerator<YearInvoiceRow> {
  const [from, to] = yearBounds(year);
  const pageSize = opts.pageSize ?? YEAR_PAGE_SIZE;
  let after: Keyset | undefined;
  for (;;) {
    let q = db
      .selectFrom('invoices')
      .select(['id', 'number', 'issued_at', 'period_start', 'period_end', 'subtotal', 'tax', 'total', 'currency', 'status', 'paid_at', 'receipt_number'])
      .where('account_id', '=', accountId)
      .where('issued_at', '<', to);
    // From the second page on, the cursor is the lower bound the index seeks to (one range per index).
    if (!after) q = q.where('issued_at', '>=', from);
    if (opts.status) q = q.where('status', '=', opts.status);
    if (after) {
      const { issuedAt, id } = after;
      q = q.where((eb) => eb(eb.refTuple('issued_at', 'id'), '>', eb.tuple(issuedAt, id)));
    }
    const page = await q.orderBy('issued_at').orderBy('id').limit(pageSize).execute();
    for (const row of page) {
      yield { ...row, subtotal: Number(row.subtotal), tax: Number(row.tax), total: Number(row.total) };
    }
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { issuedAt: last.issued_at, id: last.id };
  }
}
