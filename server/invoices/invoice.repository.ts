// Invoices of an account: a keyset page of the history, one invoice with its lines.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Keyset } from './cursor';

export interface InvoiceFilter {
  status?: 'open' | 'paid';
  /** Case-insensitive substring of the number (see findInvoicesPage). */
  number?: string;
  /** Issue year, UTC. */
  year?: number;
}

/** [start, end) of a UTC year as the ISO 8601 text `issued_at` holds, so the range seeks in `invoices_history`. */
export function yearBounds(year: number): [string, string] {
  const at = (y: number) => new Date(Date.UTC(y, 0, 1)).toISOString();
  return [at(year), at(year + 1)];
}

/** `%`, `_` and the escape character itself stand for themselves in the search. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A complete invoice number as issued (e.g. FP-2026-000123), upper-cased. */
const COMPLETE_NUMBER = /^[A-Z]{1,10}-\d{4}-\d{1,10}$/;

/**
 * One keyset page of an account's invoices, newest first on (issued_at, id), with `limit + 1` rows so the
 * caller knows whether there is a next page. Filters combine freely; each page stays a seek in the
 * `invoices_history` index (account_id, issued_at, id): the year is a range on issued_at, the cursor a row
 * value below the last row shown (which then replaces the year's end), status and number are checked on
 * the rows the seek reaches.
 * `number` is a search: numbers are issued in ASCII capitals, so the upper-cased text is looked for as a
 * substring (LIKE with its wildcards escaped). A complete number that is exactly one of the account's
 * invoices finds that invoice alone: the omnibox's `bill receipt FP-2026-100000` must not open
 * FP-2026-1000001, which contains it.
 */
export async function findInvoicesPage(db: Db, accountId: string, limit: number, after?: Keyset, filter: InvoiceFilter = {}) {
  let q = db
    .selectFrom('invoices')
    .select(['id', 'number', 'issued_at', 'period_start', 'period_end', 'total', 'currency', 'status', 'paid_at'])
    .where('account_id', '=', accountId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.year !== undefined) {
    const [from, to] = yearBounds(filter.year);
    q = q.where('issued_at', '>=', from);
    // A cursor inside the year is the tighter upper bound: left alone, it is what the index seeks to
    // (SQLite takes one range per index, and would otherwise walk the year down to the cursor).
    if (!after || after.issuedAt >= to) q = q.where('issued_at', '<', to);
  }
  if (filter.number) {
    const wanted = filter.number.toUpperCase();
    const exact = COMPLETE_NUMBER.test(wanted) ? await q.where('number', '=', wanted).limit(1).execute() : [];
    // One invoice at most: after it there is nothing, so a cursor given with it finds nothing more.
    if (exact.length) return after ? [] : exact;
    q = q.where(sql<boolean>`${sql.ref('number')} like ${likePattern(wanted)} escape ${sql.lit('\\')}`);
  }
  if (after) {
    // A row-value comparison lets both SQLite and PostgreSQL seek straight into the index, so page
    // 1,000 costs what page 1 does (an OR of two comparisons would walk every earlier entry).
    q = q.where((eb) => eb(eb.refTuple('issued_at', 'id'), '<', eb.tuple(after.issuedAt, after.id)));
  }
  // One row more than asked tells whether there is a next page without a COUNT.
  return q.orderBy('issued_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

export function findInvoice(db: Db, accountId: string, invoiceId: string) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', invoiceId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function findInvoiceLines(db: Db, invoiceId: string) {
  return db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').orderBy('id').execute();
}

/** The invoice with this number (numbers are unique; ASCII capitals as issued), with its company, for support. */
export function findInvoicesByNumber(db: Db, number: string) {
  return db
    .selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select(['invoices.id', 'invoices.number', 'invoices.issued_at', 'invoices.period_start', 'invoices.period_end', 'invoices.total', 'invoices.currency', 'invoices.status', 'invoices.paid_at', 'accounts.company_name'])
    .where('invoices.number', '=', number.trim().toUpperCase())
    .orderBy('invoices.id')
    .limit(10)
    .execute();
}
