// Invoices of an account: a keyset page of the history, one invoice with its lines.
import type { Db } from '../db/database';
import type { Keyset } from './cursor';

export interface InvoiceFilter {
  status?: 'open' | 'paid';
  number?: string;
}

export async function findInvoicesPage(db: Db, accountId: string, limit: number, after?: Keyset, filter: InvoiceFilter = {}) {
  let q = db
    .selectFrom('invoices')
    .select(['id', 'number', 'issued_at', 'period_start', 'period_end', 'total', 'currency', 'status', 'paid_at'])
    .where('account_id', '=', accountId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.number) q = q.where('number', '=', filter.number.toUpperCase());
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
